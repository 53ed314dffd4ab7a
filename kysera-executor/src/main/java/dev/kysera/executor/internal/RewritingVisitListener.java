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
import org.jooq.impl.CustomQueryPart;
import org.jooq.conf.BackslashEscaping;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
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
    /** Whether this render is for SQLite: null until the first part is visited. */
    private Boolean sqlite;
    private Scope scope;
    /** A cacheable statement being planned afresh: what the plan cache learns from this render. */
    private PlanCache.Pending pending;
    /** Set when this render only plans an execution that rendered without this listener. */
    private final OnDemand onDemand;

    /**
     * A render that plans, on demand, an execution whose statement rendered without this listener:
     * it plans as that execution's own render would, and leaves the plans in {@code sink}.
     */
    record OnDemand(ExecuteContext execution, List<PlannedStatement> sink) {
    }

    RewritingVisitListener() {
        this(null);
    }

    RewritingVisitListener(OnDemand onDemand) {
        this.onDemand = onDemand;
    }

    private boolean sqlite(VisitContext ctx) {
        if (sqlite == null) {
            sqlite = ctx.family() == SQLDialect.SQLITE;
        }
        return sqlite;
    }

    /** The execution this render is for, or null when it only shows the statement. */
    private ExecuteContext execution(VisitContext ctx) {
        return onDemand != null ? onDemand.execution() : ctx.context().executeContext();
    }

    private record Frame(QueryPart statement, StatementRewriter.Nesting base, StatementRewriter.Nesting inner, QOM.With with,
                         boolean entered) {
    }

    private record CteBody(CommonTableExpression<?> cte, StatementRewriter.Nesting nesting, int depth) {
    }

    @Override
    public void visitStart(VisitContext ctx) {
        if (sqlite(ctx)) {
            // One visit listener instead of two: jOOQ pays for each listener on every query part.
            SqliteTemporalLiterals.fixedWidth(ctx);
        }
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
        } else if (pending != null && (JooqInternals.isPlainSqlFragment(part) || isCustom(part))) {
            // SQL text the query model cannot see: the cached SQL might not mean what this statement means.
            pending.poisoned = true;
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
        frames.pop();
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
        SelectFieldOrAsterisk[] returning = pendingReturning;
        pendingReturning = null;
        if (returning == null && frames.size() == 1) {
            returning = executedReturning(execution(ctx));
        }
        if (refused) {
            return;
        }
        if (frames.size() == 1 && ShapePlans.learning() && (returning != null || PlanCache.hasReturning(part))) {
            learnReturning(ctx, active, part);
        } else if (frames.size() == 1 && returning == null && fromCache(ctx, active, part)) {
            return;
        }
        if (frames.size() == 1 && (returning != null || PlanCache.hasReturning(part)
                || execution(ctx) != null && PlanCache.hasReturning(execution(ctx).query()))) {
            // The plan says RETURNING for every DML statement that returns rows, natively or through jOOQ's emulation.
            active.plan().returning();
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

    /**
     * Serves a top-level statement from the plan cache: on a hit, the SQL planned for its shape
     * replaces the statement (so neither the rewrite nor the rendering of the rewritten copy run)
     * and the bind values, the caller's and the plugins' of this execution, are left for the
     * execution listener to bind. On a miss the statement is planned as usual and the cache learns
     * from it.
     *
     * @return whether the statement was served from the cache
     */
    private boolean fromCache(VisitContext ctx, StatementRewriter active, QueryPart part) {
        ExecuteContext execution = execution(ctx);
        Configuration configuration = ctx.configuration();
        if (!executing || execution == null || execution.batchMode() != ExecuteContext.BatchMode.NONE
                || !cacheable(part, configuration) || !PlanCache.notKept(execution.query())
                || !PlanCache.noReturning(part) || !PlanCache.noReturning(execution.query())) {
            return false;
        }
        PlanCache cache = scope.lifecycle().planCache();
        List<org.jooq.Table<?>> leaves = PlanCache.leaves(part);
        if (leaves == null) {
            return false;
        }
        DSLContext keyer = cache.keyer(configuration);
        PlanCache.Rendered original = PlanCache.render(keyer, part);
        if (original == null) {
            return false;
        }
        PlanCache.Key key = PlanCache.key(scope.roles(), configuration, part, original.sql(), leaves);
        ShapePlans.offer(key, original.params(), leaves);
        PlanCache.Entry entry = cache.lookup(key);
        if (entry != null) {
            List<dev.kysera.executor.TableReference> references = resolved(leaves, entry.calls);
            if (references != null) {
                // Plugins decide again, on this statement's tables and this execution's context; refusals propagate.
                List<PlanCache.Decision> decisions = new StatementRewriter(scope, configuration.dialect(), false, false)
                        .replay(entry.calls, references);
                PlanCache.Signature signature = decisions == null ? null : PlanCache.signature(keyer, decisions);
                PlanCache.Variant variant = signature == null ? null : cache.variant(entry, signature.shape());
                if (variant != null) {
                    cache.hit();
                    execution.data(PlanCache.BINDS, new PlanCache.Binds(variant.binds(original.params(), signature.params()),
                            keyer));
                    inactive = true;
                    String sql = variant.sql();
                    ctx.queryPart(CustomQueryPart.of(context -> context.sql(sql, true)));
                    return true;
                }
            }
        }
        learn(execution, active, cache, key, keyer, original, leaves);
        return false;
    }

    /** A miss: the statement is planned as usual, its decisions recorded, and the cache learns from its render. */
    private void learn(ExecuteContext execution, StatementRewriter active, PlanCache cache, PlanCache.Key key, DSLContext keyer,
                       PlanCache.Rendered original, List<org.jooq.Table<?>> leaves) {
        cache.miss();
        active.recordDecisions();
        pending = new PlanCache.Pending(cache, key, keyer, original.params(), leaves);
        execution.data(PlanCache.PENDING, pending);
    }

    /**
     * Lets the plan cache learn an INSERT … RETURNING of a statement shape being learned on this
     * thread, where the database returns the rows from the one statement that runs (PostgreSQL,
     * SQLite 3.35+, MariaDB 10.5+): only statement shapes run it from the cache (under a key no
     * statement without RETURNING has), over JDBC.
     */
    private void learnReturning(VisitContext ctx, StatementRewriter active, QueryPart part) {
        ExecuteContext execution = execution(ctx);
        Configuration configuration = ctx.configuration();
        if (!executing || execution == null || execution.batchMode() != ExecuteContext.BatchMode.NONE
                || !(part instanceof QOM.Insert<?>) || !ShapePlans.returnsFromOneStatement(configuration.dialect())
                || !cacheable(part, configuration) || !PlanCache.notKept(execution.query())) {
            return;
        }
        PlanCache cache = scope.lifecycle().planCache();
        List<org.jooq.Table<?>> leaves = PlanCache.leaves(part);
        DSLContext keyer = cache.keyer(configuration);
        PlanCache.Rendered original = leaves == null ? null : PlanCache.render(keyer, part);
        if (original == null) {
            return;
        }
        PlanCache.Key key = PlanCache.returningKey(scope.roles(), configuration, original.sql(), leaves);
        ShapePlans.offer(key, original.params(), leaves);
        learn(execution, active, cache, key, keyer, original, leaves);
    }

    /** The references of the leaves the cached role calls need, or null when one no longer resolves. */
    private static List<dev.kysera.executor.TableReference> resolved(List<org.jooq.Table<?>> leaves, List<PlanCache.Call> calls) {
        dev.kysera.executor.TableReference[] references = new dev.kysera.executor.TableReference[leaves.size()];
        for (PlanCache.Call call : calls) {
            if (call.leaf() >= leaves.size()) {
                return null;
            }
            if (references[call.leaf()] == null) {
                references[call.leaf()] = TableResolver.resolve(leaves.get(call.leaf()));
                if (references[call.leaf()] == null) {
                    return null;
                }
            }
        }
        return java.util.Arrays.asList(references);
    }

    /**
     * Whether a statement may be served from the plan cache: DSL SELECT, INSERT or UPDATE, bound
     * values, and a scope whose roles need nothing but the SQL (no observers needing this
     * execution's plan, no write rules judging this execution's values, no fail-closed checks of
     * nested SQL text), with none of the caller's execute listeners (they see the rewritten query)
     * or visit listeners (they may change what renders, and see every render).
     */
    private boolean cacheable(QueryPart part, Configuration configuration) {
        if (!(part instanceof Select<?> || part instanceof QOM.Update<?> || part instanceof QOM.Insert<?>)) {
            return false;
        }
        ActiveRoles roles = scope.roles();
        // Column masks are chosen per context and are not among the decisions a variant is selected by.
        if (roles.observes() || !roles.writeRules.isEmpty() || roles.failClosed() || !roles.columnMasks.isEmpty()
                || !PlanCache.binds(configuration.settings())
                || !scope.lifecycle().planCache().enabled()) {
            return false;
        }
        if (!ExecutorConfigurations.onlyKyseraVisitListeners(configuration)) {
            // The caller's own visit listeners change what renders, maybe by context: they see every render.
            return false;
        }
        for (org.jooq.ExecuteListenerProvider provider : configuration.executeListenerProviders()) {
            if (PlannedQueryListener.unwrap(provider) != provider) {
                return false;
            }
        }
        return true;
    }

    /** The RETURNING fields of the statement being executed, whose wrapper jOOQ does not visit. */
    private static SelectFieldOrAsterisk[] executedReturning(ExecuteContext execution) {
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
        if (!frames.isEmpty() && !rewriter.isOwn(part) && JooqInternals.mayReadRows(part)) {
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
        ExecuteContext execution = execution(ctx);
        if (execution == null || refused) {
            return;
        }
        plans(execution).add(rewriter.plan().build());
        if (pending != null) {
            if (replaced.size() != 1) {
                pending.poisoned = true;
            }
            pending.planned(rewriter.decisions());
            pending = null;
        }
        rewriter = null;
        produced.clear();
        replaced.clear();
    }

    /** Where this render's plans go: the on-demand sink, else the execution's data. */
    private List<PlannedStatement> plans(ExecuteContext execution) {
        if (onDemand != null) {
            return onDemand.sink();
        }
        @SuppressWarnings("unchecked")
        List<PlannedStatement> plans = (List<PlannedStatement>) execution.data(PLANS);
        if (plans == null) {
            plans = new ArrayList<>(1);
            execution.data(PLANS, plans);
        }
        return plans;
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
            this.scope = scope;
            ExecuteContext execution = execution(ctx);
            executing = execution != null;
            boolean singleStatementBatch = execution != null && execution.batchMode() == ExecuteContext.BatchMode.SINGLE;
            // Only plugins' values are ever inlined: without planning roles there are none.
            boolean inline = scope.roles().plans()
                    && (execution == null || singleStatementBatch || JooqInternals.isBatchCollection(configuration));
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
            case QOM.Insert<?> insert -> {
                if (configuration.family() == SQLDialect.SQLITE
                        && configuration.settings().getFetchTriggerValuesAfterReturning() != FetchTriggerValuesAfterReturning.NEVER
                        && (returning != null || JooqInternals.returningOf(insert) != null)) {
                    // Even where a configuration derived from the executor's has lost its execute listener.
                    throw ExecutionBasics.readBackRefused();
                }
                yield rewriter.insert(insert, nesting, returning != null);
            }
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

    /** A user's own query part (jOOQ's Custom* classes): it renders SQL text of its own. */
    private static boolean isCustom(QueryPart part) {
        return part instanceof CustomQueryPart || part instanceof org.jooq.impl.CustomField<?>
                || part instanceof org.jooq.impl.CustomCondition || part instanceof org.jooq.impl.CustomTable<?>;
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
