package dev.kysera.executor.internal;

import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.plan.TableRole;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jooq.CommonTableExpression;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.Fields;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.BackslashEscaping;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * The executor's hook into jOOQ rendering: when a statement node is about to render, it is planned
 * and swapped for the rewritten copy ({@link VisitContext#queryPart(QueryPart)}). One instance per
 * render, so it may keep state; the scope (roles, context) is read from the rendering configuration.
 *
 * <p>Only a render for execution may fail: a refusal then propagates and nothing reaches the
 * database. A render that only shows the statement ({@code toString()}, {@code getSQL()}, logging)
 * never throws a plugin's error: a refused statement renders as written.
 */
final class RewritingVisitListener implements VisitListener {

    /** Where the plans of the statements an execution renders are left for the execution listener. */
    static final String PLANS = "dev.kysera.executor.plans";

    private StatementRewriter rewriter;
    private boolean inactive;
    private boolean executing;
    /** Set when a display-only render met a refusal: the rest renders as written. */
    private boolean refused;
    /** Nodes this listener produced: jOOQ may visit them again (emulations); they are final. */
    private final Set<QueryPart> produced = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Statement nodes already rewritten in this render: a node jOOQ renders twice is planned once. */
    private final java.util.Map<QueryPart, QueryPart> replaced = new IdentityHashMap<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** The CTE whose body renders next, with the frame depth it belongs to. */
    private final Deque<CteBody> cteBodies = new ArrayDeque<>();
    /** The RETURNING fields of the DML node about to render, set by its wrapper. */
    private SelectFieldOrAsterisk[] pendingReturning;
    private boolean readBack;

    private record Frame(QueryPart statement, StatementRewriter.Nesting base, StatementRewriter.Nesting inner, QOM.With with,
                         boolean entered) {
    }

    private record CteBody(CommonTableExpression<?> cte, StatementRewriter.Nesting nesting, int depth) {
    }

    @Override
    public void visitStart(VisitContext ctx) {
        if (inactive) {
            return;
        }
        QueryPart part = ctx.queryPart();
        if (part instanceof Query) {
            statementStart(ctx, part);
        } else if (part instanceof CommonTableExpression<?> cte) {
            cteStart(ctx, cte);
        } else if (rewriter != null && rewriter.failClosed() && JooqInternals.isPlainSqlFragment(part)
                && !JooqInternals.isPlainSqlTable(part)) {
            fragment(part);
        }
    }

    @Override
    public void visitEnd(VisitContext ctx) {
        if (inactive) {
            return;
        }
        QueryPart part = ctx.queryPart();
        if (part instanceof CommonTableExpression<?> && !cteBodies.isEmpty() && cteBodies.peek().cte() == part) {
            cteBodies.pop();
        }
        if (!(part instanceof Query) || frames.isEmpty() || !isHandled(part)) {
            return;
        }
        Frame frame = frames.pop();
        if (frame.statement() instanceof Select<?> select && JooqInternals.isInsertedRowReadBack(select.$where())) {
            readBack = false;
        }
        if (frames.isEmpty()) {
            finish(ctx);
        }
    }

    private void statementStart(VisitContext ctx, QueryPart part) {
        StatementRewriter active = rewriter(ctx);
        if (active == null) {
            return;
        }
        if (JooqInternals.isDmlWithReturning(part)) {
            pendingReturning = part instanceof Fields fields ? fields.fields() : new SelectFieldOrAsterisk[0];
            return;
        }
        if (!isHandled(part)) {
            if (frames.isEmpty()) {
                refuse(new UnsupportedStatementException(part.getClass().getSimpleName().replace("Impl", "")
                        + " statements are refused while fail-closed plugins are active: they cannot be checked row by row; "
                        + "run them through a bypass token"), active.failClosed());
            }
            return;
        }
        if (produced.contains(part) || isEmulationOfEnclosingInsert(part)) {
            frames.push(new Frame(part, nesting(), nesting(), null, false));
            return;
        }
        QueryPart earlier = replaced.get(part);
        if (earlier != null) {
            frames.push(new Frame(part, nesting(), nesting(), null, false));
            if (earlier != part) {
                ctx.queryPart(earlier);
            }
            return;
        }
        QOM.With with = with(part);
        StatementRewriter.Nesting base = baseNesting();
        StatementRewriter.Nesting inner = base.enter(with, base.nestedRole());
        frames.push(new Frame(part, base, inner, with, true));
        if (part instanceof Select<?> select && JooqInternals.isInsertedRowReadBack(select.$where())) {
            readBack = true;
        }
        SelectFieldOrAsterisk[] returning = pendingReturning;
        pendingReturning = null;
        if (returning == null && frames.size() == 1) {
            returning = executedReturning(ctx);
        }
        if (refused) {
            return;
        }
        try {
            QueryPart replacement = rewrite(active, part, inner, returning, ctx.configuration());
            if (replacement == part) {
                replacement = copyOf(part);
            }
            replaced.put(part, replacement);
            if (frames.size() == 1 && replacement instanceof Query statement) {
                active.plan().runs(statement);
            }
            if (replacement != part) {
                produced.add(replacement);
                ctx.queryPart(replacement);
            }
        } catch (KyseraException e) {
            refuse(e, true);
        }
    }

    /** The RETURNING fields of the statement being executed, whose wrapper jOOQ does not visit. */
    private static SelectFieldOrAsterisk[] executedReturning(VisitContext ctx) {
        ExecuteContext execution = ctx.context().executeContext();
        Query query = execution == null ? null : execution.query();
        return query != null && JooqInternals.isDmlWithReturning(query) && query instanceof Fields fields ? fields.fields() : null;
    }

    /** The nesting a new statement frame starts from: a CTE body's, else its parent's. */
    private StatementRewriter.Nesting baseNesting() {
        if (frames.isEmpty()) {
            return StatementRewriter.Nesting.TOP;
        }
        if (!cteBodies.isEmpty() && cteBodies.peek().depth() == frames.size()) {
            return cteBodies.peek().nesting();
        }
        StatementRewriter.Nesting parent = frames.peek().inner();
        return new StatementRewriter.Nesting(parent.nestedRole() == null ? TableRole.SUBQUERY : parent.nestedRole(), parent.cteNames());
    }

    private StatementRewriter.Nesting nesting() {
        return frames.isEmpty() ? StatementRewriter.Nesting.TOP : frames.peek().inner();
    }

    private void cteStart(VisitContext ctx, CommonTableExpression<?> cte) {
        if (rewriter(ctx) == null || frames.isEmpty() || frames.peek().with() == null) {
            return;
        }
        Frame frame = frames.peek();
        cteBodies.push(new CteBody(cte, frame.base().cteBody(frame.with(), cte), frames.size()));
    }

    /** Only fragments inside a statement count: a statement's own plain SQL is parsed instead. */
    private void fragment(QueryPart part) {
        if (!readBack && !frames.isEmpty() && !rewriter.isOwn(part) && JooqInternals.mayReadRows(part)) {
            refuse(new UnsupportedStatementException("A plain-SQL fragment (" + abbreviate(String.valueOf(part)) + ") inside a DSL "
                    + "statement is opaque to fail-closed plugins: write it with the DSL, or run the whole statement as plain SQL, "
                    + "which is parsed"), true);
        }
    }

    private void refuse(KyseraException refusal, boolean applies) {
        if (!applies) {
            return;
        }
        if (executing) {
            throw refusal;
        }
        refused = true;
    }

    private void finish(VisitContext ctx) {
        ExecuteContext execution = ctx.context().executeContext();
        if (execution == null || refused) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<PlannedStatement> plans = (List<PlannedStatement>) execution.data(PLANS);
        if (plans == null) {
            plans = new ArrayList<>(1);
            execution.data(PLANS, plans);
        }
        plans.add(rewriter.plan().build());
        rewriter = null;
        produced.clear();
        replaced.clear();
    }

    /** jOOQ renders an upsert as MERGE on some dialects (H2): that MERGE is the INSERT already rewritten. */
    private boolean isEmulationOfEnclosingInsert(QueryPart part) {
        return part instanceof QOM.Merge<?> && !frames.isEmpty() && frames.peek().statement() instanceof QOM.Insert<?>;
    }

    private StatementRewriter rewriter(VisitContext ctx) {
        if (rewriter == null && !inactive) {
            Configuration configuration = ctx.configuration();
            Scope scope = Scope.of(configuration);
            if (scope == null || !(scope.roles().plans() || scope.roles().observes())) {
                inactive = true;
                return null;
            }
            ExecuteContext execution = ctx.context().executeContext();
            executing = execution != null;
            boolean singleStatementBatch = execution != null && execution.batchMode() == ExecuteContext.BatchMode.SINGLE;
            boolean inline = execution == null || singleStatementBatch || JooqInternals.isBatchCollection(configuration);
            rewriter = new StatementRewriter(scope, configuration.dialect(), inline, singleStatementBatch);
        }
        return rewriter;
    }

    private QueryPart rewrite(StatementRewriter rewriter, QueryPart part, StatementRewriter.Nesting nesting,
                              SelectFieldOrAsterisk[] returning, Configuration configuration) {
        return switch (part) {
            case Select<?> select -> rewriter.select(select, nesting);
            case QOM.Update<?> update -> rewriter.update(update, nesting);
            case QOM.Delete<?> delete -> rewriter.delete(delete, nesting, returning);
            case QOM.Insert<?> insert -> rewriter.insert(insert, nesting, returning != null);
            case QOM.Merge<?> merge -> {
                rewriter.merge(merge);
                yield merge;
            }
            default -> parsePlainSql(rewriter, part, nesting, configuration);
        };
    }

    /**
     * Plain SQL is opaque to the query model, so it is parsed (with its bind values, and the
     * dialect's own string escaping) into a real statement and rewritten like any other. What
     * jOOQ's parser cannot read runs unchanged, unless a fail-closed plugin is active: then it is
     * refused, as is a parsed statement of a kind the executor does not model.
     */
    private QueryPart parsePlainSql(StatementRewriter rewriter, QueryPart plain, StatementRewriter.Nesting nesting,
                                    Configuration configuration) {
        rewriter.plan().plainSql();
        SQLDialect dialect = configuration.dialect();
        Settings settings = new Settings().withParseDialect(dialect).withParseUnknownFunctions(ParseUnknownFunctions.IGNORE);
        if (dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL) {
            settings = settings.withBackslashEscaping(BackslashEscaping.ON);
        }
        DSLContext plainContext = DSL.using(dialect, settings);
        String sql = plainContext.render(plain);
        QueryPart parsed;
        try {
            parsed = plainContext.parser().parseQuery(sql, plainContext.extractBindValues(plain).toArray());
        } catch (DataAccessException | UnsupportedOperationException e) {
            if (rewriter.failClosed()) {
                throw new UnsupportedStatementException("Plain SQL could not be parsed, so fail-closed plugins cannot check it "
                        + "(for jOOQ's metadata, use Executor.meta()): " + abbreviate(sql), e);
            }
            return plain;
        }
        if (!isHandled(parsed) && !JooqInternals.isDmlWithReturning(parsed)) {
            if (rewriter.failClosed()) {
                throw new UnsupportedStatementException("Plain SQL of a kind fail-closed plugins cannot check: " + abbreviate(sql));
            }
            return plain;
        }
        if (JooqInternals.isDmlWithReturning(parsed)) {
            // Its DML node renders next, as a child of the wrapper that replaces the plain SQL.
            pendingReturning = ((Fields) parsed).fields();
            return parsed;
        }
        return rewrite(rewriter, parsed, nesting, null, configuration);
    }

    /**
     * A copy of a statement no role changed. jOOQ's DSL objects delegate to an inner statement
     * object that renders as a child, which would be planned again as if nested; the copy renders
     * as itself.
     */
    private static QueryPart copyOf(QueryPart statement) {
        return switch (statement) {
            case Select<?> select -> select.$where(select.$where());
            case QOM.Update<?> update -> update.$where(update.$where());
            case QOM.Delete<?> delete -> delete.$where(delete.$where());
            case QOM.Insert<?> insert -> insert.$into(insert.$into());
            default -> statement;
        };
    }

    private static QOM.With with(QueryPart statement) {
        return switch (statement) {
            case Select<?> select -> select.$with();
            case QOM.Update<?> update -> update.$with();
            case QOM.Delete<?> delete -> delete.$with();
            case QOM.Insert<?> insert -> insert.$with();
            case QOM.Merge<?> merge -> merge.$with();
            default -> null;
        };
    }

    private static boolean isHandled(QueryPart part) {
        return part instanceof Select<?> || part instanceof QOM.Update<?> || part instanceof QOM.Delete<?>
                || part instanceof QOM.Insert<?> || part instanceof QOM.Merge<?> || JooqInternals.isPlainSqlQuery(part);
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
