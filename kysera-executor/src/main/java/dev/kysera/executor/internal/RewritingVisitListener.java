package dev.kysera.executor.internal;

import dev.kysera.executor.UnsupportedStatementException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * The executor's hook into jOOQ rendering: when a statement node is about to render, it is swapped
 * for the rewritten copy ({@link VisitContext#queryPart(QueryPart)}). One instance per render, so
 * it may keep state; the scope (plugins, context) is read from the rendering configuration now.
 */
final class RewritingVisitListener implements VisitListener {

    private StatementRewriter rewriter;
    private boolean inactive;
    /** Nodes this listener produced: jOOQ may visit them again (emulations); they are final. */
    private final Set<QueryPart> produced = Collections.newSetFromMap(new IdentityHashMap<>());
    /** One frame per statement node being rendered: the node, and whether it entered the rewriter's CTE scope. */
    private final Deque<Frame> frames = new ArrayDeque<>();

    private record Frame(QueryPart statement, boolean entered) {
    }

    @Override
    public void visitStart(VisitContext ctx) {
        QueryPart part = ctx.queryPart();
        if (inactive || !isStatementOrPlainSql(part)) {
            return;
        }
        StatementRewriter active = rewriter(ctx);
        if (active == null || produced.contains(part) || isEmulationOfEnclosingInsert(part)) {
            frames.push(new Frame(part, false));
            return;
        }
        active.enterStatement(with(part));
        frames.push(new Frame(part, true));
        QueryPart replacement = rewrite(active, part, ctx.configuration());
        if (replacement != part) {
            produced.add(replacement);
            ctx.queryPart(replacement);
        }
    }

    @Override
    public void visitEnd(VisitContext ctx) {
        if (inactive || !isStatementOrPlainSql(ctx.queryPart()) || frames.isEmpty()) {
            return;
        }
        if (frames.pop().entered()) {
            rewriter.exitStatement();
        }
    }

    /** jOOQ renders an upsert as MERGE on some dialects (H2): that MERGE is the INSERT already rewritten. */
    private boolean isEmulationOfEnclosingInsert(QueryPart part) {
        return part instanceof QOM.Merge<?> && !frames.isEmpty() && frames.peek().statement() instanceof QOM.Insert<?>;
    }

    private StatementRewriter rewriter(VisitContext ctx) {
        if (rewriter == null) {
            Configuration configuration = ctx.configuration();
            Scope scope = Scope.of(configuration);
            if (scope == null || scope.active().isEmpty()) {
                inactive = true;
                return null;
            }
            rewriter = new StatementRewriter(scope, configuration.dialect(), bindsOnlyCallerValues(ctx));
        }
        return rewriter;
    }

    /**
     * {@code batch(query).bind(…)} renders once and then binds only the values the caller's query
     * had, so values plugins add must be rendered inline there.
     */
    private static boolean bindsOnlyCallerValues(VisitContext ctx) {
        ExecuteContext execution = ctx.context().executeContext();
        return execution != null && execution.batchMode() == ExecuteContext.BatchMode.SINGLE;
    }

    private static QueryPart rewrite(StatementRewriter rewriter, QueryPart part, Configuration configuration) {
        return switch (part) {
            case Select<?> select -> rewriter.select(select);
            case QOM.Update<?> update -> rewriter.update(update);
            case QOM.Delete<?> delete -> rewriter.delete(delete);
            case QOM.Insert<?> insert -> rewriter.insert(insert);
            case QOM.Merge<?> merge -> {
                rewriter.refuseMerge(merge);
                yield merge;
            }
            default -> PlainSql.isQuery(part) ? parsePlainSql(rewriter, part, configuration) : part;
        };
    }

    /**
     * Plain SQL is opaque to the query model, so it is parsed (with its bind values) into a real
     * statement and rewritten like any other. What jOOQ's parser cannot read runs unchanged, unless a
     * fail-closed plugin is active: then it is refused.
     */
    private static QueryPart parsePlainSql(StatementRewriter rewriter, QueryPart plain, Configuration configuration) {
        DSLContext plainContext = DSL.using(configuration.dialect(), new Settings()
                .withParseDialect(configuration.dialect())
                .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE));
        String sql = plainContext.render(plain);
        try {
            QueryPart parsed = plainContext.parser().parseQuery(sql, plainContext.extractBindValues(plain).toArray());
            QueryPart rewritten = rewrite(rewriter, parsed, configuration);
            return PlainSql.isQuery(rewritten) ? plain : rewritten;
        } catch (DataAccessException | UnsupportedOperationException e) {
            if (rewriter.failClosed()) {
                throw new UnsupportedStatementException("Plain SQL could not be parsed, so fail-closed plugins cannot check it: "
                        + abbreviate(sql), e);
            }
            return plain;
        }
    }

    private static QOM.With with(QueryPart statement) {
        return switch (statement) {
            case Select<?> select -> select.$with();
            case QOM.Update<?> update -> update.$with();
            case QOM.Delete<?> delete -> delete.$with();
            case QOM.Insert<?> insert -> insert.$with();
            default -> null;
        };
    }

    /**
     * Called for every rendered node (dozens per statement), so the common case — not a query at all
     * — is rejected with one type check: every node handled here implements {@link Query}.
     */
    private static boolean isStatementOrPlainSql(QueryPart part) {
        return part instanceof Query && (isStatement(part) || PlainSql.isQuery(part));
    }

    private static boolean isStatement(QueryPart part) {
        return part instanceof Select<?> || part instanceof QOM.Update<?> || part instanceof QOM.Delete<?>
                || part instanceof QOM.Insert<?> || part instanceof QOM.Merge<?>;
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
