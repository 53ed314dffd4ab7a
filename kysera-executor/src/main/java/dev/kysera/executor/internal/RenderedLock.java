package dev.kysera.executor.internal;

import dev.kysera.executor.plan.RowLock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Reads a SELECT's locking clause by rendering it, for a jOOQ whose implementation fields cannot be
 * read (jOOQ's module does not open {@code org.jooq.impl}, so on the module path
 * {@link JooqInternals#lockOf} has no field access). The SELECT is rendered once, in a configuration
 * of its own with no listener but this one (nothing observable happens: no plugin, no execution):
 * the clause is the one part of jOOQ's {@code ForLock} type visited directly under the outermost
 * SELECT, its mode is the clause rendered alone in PostgreSQL's syntax (which has all four modes), and
 * its {@code OF} list the tables and columns visited inside it. Used only where field access fails.
 */
final class RenderedLock {

    private static final String SELECT_QUERY = "org.jooq.impl.SelectQueryImpl";
    private static final String FOR_LOCK = "org.jooq.impl.ForLock";
    private static final DSLContext CLAUSE = DSL.using(SQLDialect.POSTGRES);

    private RenderedLock() {
    }

    /** The clause of {@code select}, or {@link SelectLock#UNKNOWN} if its rendering does not show one clearly. */
    static SelectLock of(Select<?> select) {
        Finder finder = new Finder();
        try {
            DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(finder)).render(select);
        } catch (RuntimeException unrenderable) {
            return SelectLock.UNKNOWN;
        }
        if (finder.selects == 0) {
            return SelectLock.UNKNOWN;
        }
        if (finder.clause == null) {
            return SelectLock.NONE;
        }
        RowLock mode = mode(CLAUSE.renderInlined(finder.clause));
        return mode == null ? SelectLock.UNKNOWN : new SelectLock(mode, finder.of, true);
    }

    /** The mode a clause rendered in PostgreSQL's syntax takes; null if it is none of the four. */
    private static RowLock mode(String sql) {
        String clause = sql.strip().toLowerCase(Locale.ROOT);
        if (clause.isEmpty()) {
            return RowLock.NONE;
        }
        if (clause.startsWith("for no key update")) {
            return RowLock.NO_KEY_UPDATE;
        }
        if (clause.startsWith("for key share")) {
            return RowLock.KEY_SHARE;
        }
        if (clause.startsWith("for update")) {
            return RowLock.UPDATE;
        }
        return clause.startsWith("for share") ? RowLock.SHARE : null;
    }

    /** Finds the outermost SELECT's clause and what it names while the SELECT renders. */
    private static final class Finder implements VisitListener {

        private int selects;
        private int depth;
        private int insideClause;
        private QueryPart clause;
        private final Set<String> of = new HashSet<>();

        @Override
        public void visitStart(VisitContext context) {
            QueryPart part = context.queryPart();
            String type = part.getClass().getName();
            if (type.equals(SELECT_QUERY)) {
                selects++;
                depth++;
            } else if (type.equals(FOR_LOCK) && depth == 1) {
                clause = part;
                insideClause++;
            } else if (insideClause > 0) {
                name(part);
            }
        }

        @Override
        public void visitEnd(VisitContext context) {
            String type = context.queryPart().getClass().getName();
            if (type.equals(SELECT_QUERY)) {
                depth--;
            } else if (type.equals(FOR_LOCK) && depth == 1) {
                insideClause--;
            }
        }

        /** The names an OF list locks, as {@link JooqInternals#lockOf} reads them from the fields (a WAIT's time is a value, not a name). */
        private void name(QueryPart part) {
            if (part instanceof Table<?> table) {
                of.add(WrittenValues.lower(table.getName()));
            } else if (part instanceof Field<?> field && !(part instanceof Param<?>)) {
                Name name = field.getQualifiedName();
                of.add(WrittenValues.lower(name.last()));
                if (name.qualified()) {
                    of.add(WrittenValues.lower(name.qualifier().last()));
                }
            }
        }
    }
}
