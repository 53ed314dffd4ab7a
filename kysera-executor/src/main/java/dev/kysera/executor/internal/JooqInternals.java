package dev.kysera.executor.internal;

import dev.kysera.executor.plan.RowLock;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectFinalStep;

/**
 * Recognises jOOQ query parts that its public API gives no type for: plain-SQL parts
 * ({@code DSL.table("…")}, {@code DSL.field("…")}, {@code DSL.condition("…")}, {@code dsl.fetch("…")}),
 * inline derived tables ({@code table.where(…)}) and the wrappers of DML with RETURNING. They are
 * told apart by implementation class; {@code PlainSqlContractTest} fails if a jOOQ upgrade renames them.
 * The locking clause of a SELECT ({@code FOR UPDATE …}), which jOOQ's query model does not expose, is
 * read from its implementation's fields ({@code JooqLockContractTest} pins them).
 */
final class JooqInternals {

    private static final String SELECT_QUERY = "org.jooq.impl.SelectQueryImpl";
    private static final String FOR_LOCK = "org.jooq.impl.ForLock";
    // The field, not jOOQ's forLock() method, which creates an empty clause on the caller's query.
    private static final MethodHandle LOCK = handle(SELECT_QUERY, "forLock");
    private static final MethodHandle LOCK_MODE = handle(FOR_LOCK, "forLockMode");
    private static final MethodHandle LOCK_OF_FIELDS = handle(FOR_LOCK, "forLockOf");
    private static final MethodHandle LOCK_OF_TABLES = handle(FOR_LOCK, "forLockOfTables");

    private JooqInternals() {
    }

    /** Whether the locking clause of SELECTs can be read from this jOOQ (on the class path, or with {@code opens org.jooq.impl}). */
    static boolean readsLocks() {
        return LOCK != null && LOCK_MODE != null && LOCK_OF_FIELDS != null && LOCK_OF_TABLES != null;
    }

    /**
     * The locking clause of a SELECT node: {@link SelectLock#NONE} without one, {@link SelectLock#UNKNOWN}
     * when this jOOQ's implementation cannot be read (never "no lock" by default). Without access to
     * jOOQ's fields (its module does not open {@code org.jooq.impl}) the clause is read by rendering
     * the SELECT ({@link RenderedLock}).
     */
    static SelectLock lockOf(Select<?> select) {
        QueryPart query = select instanceof SelectFinalStep<?> step ? step.getQuery() : select;
        if (!query.getClass().getName().equals(SELECT_QUERY)) {
            return SelectLock.UNKNOWN;
        }
        if (!readsLocks()) {
            return RenderedLock.of(select);
        }
        try {
            Object lock = LOCK.invoke(query);
            if (lock == null) {
                return SelectLock.NONE;
            }
            Object mode = LOCK_MODE.invoke(lock);
            if (mode == null) {
                // An empty clause (jOOQ made one without a mode) renders nothing.
                return SelectLock.NONE;
            }
            if (!(mode instanceof Enum<?> named)) {
                return SelectLock.UNKNOWN;
            }
            return new SelectLock(RowLock.valueOf(named.name()), lockedNames(LOCK_OF_TABLES.invoke(lock), LOCK_OF_FIELDS.invoke(lock)), true);
        } catch (Throwable e) {
            return SelectLock.UNKNOWN;
        }
    }

    /**
     * The names an OF list locks: its tables, and for its columns both the column's own name (a
     * parsed {@code of x}, and what PostgreSQL reads as a table name) and its qualifier, so an
     * occurrence either could mean counts as locked.
     */
    private static Set<String> lockedNames(Object tables, Object fields) {
        Set<String> names = new HashSet<>();
        if (tables instanceof List<?> list) {
            list.forEach(table -> names.add(WrittenValues.lower(((org.jooq.Table<?>) table).getName())));
        }
        if (fields instanceof List<?> list) {
            for (Object item : list) {
                org.jooq.Name name = ((Field<?>) item).getQualifiedName();
                names.add(WrittenValues.lower(name.last()));
                if (name.qualified()) {
                    names.add(WrittenValues.lower(name.qualifier().last()));
                }
            }
        }
        return names;
    }

    private static MethodHandle handle(String className, String field) {
        try {
            Class<?> type = Class.forName(className, false, DSL.class.getClassLoader());
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).unreflectGetter(type.getDeclaredField(field));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A whole plain-SQL statement: {@code dsl.query("…")}, {@code dsl.fetch("…")}, {@code dsl.resultQuery("…")}. */
    static boolean isPlainSqlQuery(QueryPart part) {
        String name = part.getClass().getName();
        return name.equals("org.jooq.impl.SQLResultQuery") || name.equals("org.jooq.impl.SQLQuery");
    }

    /** A plain-SQL fragment inside a statement: field, condition or table written as SQL text. */
    static boolean isPlainSqlFragment(QueryPart part) {
        return switch (part.getClass().getName()) {
            case "org.jooq.impl.SQLField", "org.jooq.impl.SQLFieldSimple", "org.jooq.impl.SQLCondition",
                 "org.jooq.impl.SQLTable" -> true;
            default -> false;
        };
    }

    /**
     * Whether a plain-SQL fragment could read rows: a subquery, a function or table call, a
     * statement separator. Fragments jOOQ itself writes ({@code *}, {@code 1}, a keyword, a column
     * name) cannot, and fail-closed plugins accept them.
     */
    static boolean mayReadRows(QueryPart fragment) {
        String sql = fragment.toString().toLowerCase(java.util.Locale.ROOT).strip();
        if (sql.startsWith("(") && sql.endsWith(")")) {
            sql = sql.substring(1, sql.length() - 1);
        }
        return sql.contains("(") || sql.contains(";") || sql.contains("select") || sql.contains("from")
                || sql.contains("table") || sql.contains("values") || sql.contains("call") || sql.contains("exec");
    }

    /**
     * The column jOOQ makes up for a positional {@code INSERT … VALUES} into a table whose columns it
     * does not know; it renders no column list for them.
     */
    static boolean isPlaceholderColumn(org.jooq.Field<?> column) {
        return column.getName().startsWith("unknown field ");
    }

    static boolean isPlainSqlTable(QueryPart part) {
        return part.getClass().getName().equals("org.jooq.impl.SQLTable");
    }

    /** {@code table.where(condition)}: rendered inline into the enclosing statement's WHERE. */
    static boolean isInlineDerivedTable(QueryPart part) {
        return part.getClass().getName().equals("org.jooq.impl.InlineDerivedTable");
    }

    /**
     * The wrapper jOOQ puts around an INSERT, UPDATE or DELETE with RETURNING: a result query that
     * is not a SELECT; its fields are the returned columns.
     */
    static boolean isDmlWithReturning(QueryPart part) {
        return part instanceof ResultQuery<?> && !(part instanceof Select<?>) && !isPlainSqlQuery(part);
    }

    /**
     * Whether this configuration is the one {@code batchStore()} renders each record's statement
     * with, only to collect its SQL and bind values for a single-statement batch (its listener
     * aborts the execution after rendering).
     */
    static boolean isBatchCollection(org.jooq.Configuration configuration) {
        for (org.jooq.ExecuteListenerProvider provider : configuration.executeListenerProviders()) {
            if (provider instanceof org.jooq.impl.DefaultExecuteListenerProvider
                    && provider.provide().getClass().getName().equals("org.jooq.impl.BatchCRUD$QueryCollector")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The RETURNING fields of an INSERT, UPDATE or DELETE node, or null when it has none. jOOQ's
     * query model does not expose them on the node an execution renders, so the node is rendered
     * once more, without any listener of the executor, for PostgreSQL (which renders RETURNING as
     * written, never emulated), and the field list that renders as its direct child is taken.
     */
    static SelectFieldOrAsterisk[] returningOf(QueryPart dml) {
        ReturningCapture capture = new ReturningCapture();
        DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set((VisitListenerProvider) () -> capture)).render(dml);
        return capture.fields;
    }

    /** Takes the field list rendered directly inside the DML node: its RETURNING list. */
    private static final class ReturningCapture implements VisitListener {
        private int depth;
        private SelectFieldOrAsterisk[] fields;

        @Override
        public void visitStart(VisitContext ctx) {
            depth++;
            QueryPart part = ctx.queryPart();
            if (depth == 2 && fields == null && part instanceof List<?> list
                    && part.getClass().getName().equals("org.jooq.impl.SelectFieldList")) {
                fields = list.stream().map(SelectFieldOrAsterisk.class::cast).toArray(SelectFieldOrAsterisk[]::new);
            }
        }

        @Override
        public void visitEnd(VisitContext ctx) {
            depth--;
        }
    }
}
