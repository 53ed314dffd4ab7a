package dev.kysera.executor.internal;

import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.Verdict;
import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.WrittenValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The execution phase of every statement run through an executor whose plugins plan or observe:
 * what {@link ExecutionBasics} does for every executor, and it refuses stale kept statements,
 * judges each batch row with the rules that need its bound values, reads pre-images in the
 * statement's transaction, and calls the statement observers before and after. One instance per
 * execution (it keeps the execution's timing and recorded binds).
 */
final class ExecutionListener implements ExecuteListener {

    private final ExecutionBasics basics;
    private Scope scope;
    private boolean rendered;
    private RecordingStatement recording;
    /** The plans of this execution once known (read from the render, or planned on demand); null before. */
    private List<PlannedStatement> planned;
    /** Whether the execution got as far as acting on its plans; events of one stopped before carry an opaque plan. */
    private boolean planReached;
    /** What observers see of the plans, the SQL and the context: the same objects in every event of this execution. */
    private List<StatementPlan> plans;
    private List<String> sql;
    private PluginContext context;
    private Result<Record> preImage;
    private boolean wantsKeys;
    private Result<Record> generatedKeys;
    /** Whether the statement was prepared to return every column of the rows it changed (observers asked; PostgreSQL). */
    private boolean returnsChanged;
    /** The generated key columns observers asked for. */
    private List<String> keyColumns = List.of();
    private Result<Record> changedRows;
    private long startedAt;
    private long elapsedNanos;

    ExecutionListener(ExecutionBasics basics) {
        this.basics = basics;
    }

    @Override
    public void start(ExecuteContext ctx) {
        scope = Scope.of(ctx.configuration());
        basics.start(ctx);
    }

    @Override
    public void exception(ExecuteContext ctx) {
        basics.exception(ctx);
    }

    @Override
    public void renderStart(ExecuteContext ctx) {
        rendered = true;
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        basics.renderEnd(ctx);
        if (ctx.data(PlanCache.PENDING) instanceof PlanCache.Pending pending) {
            ctx.data().remove(PlanCache.PENDING);
            pending.rendered(ctx.sql(), ctx.params());
        }
    }

    /**
     * A statement served from the plan cache rendered as SQL text without bind markers jOOQ knows
     * of, so jOOQ bound nothing: its values (the caller's, then the plugins' of this execution, in
     * the cached order) are bound here, with jOOQ's own bindings.
     */
    @Override
    public void bindEnd(ExecuteContext ctx) {
        if (ctx.data(PlanCache.BINDS) instanceof PlanCache.Binds binds && ctx.statement() != null) {
            org.jooq.BindContext context = binds.keyer().bindContext(ctx.statement());
            for (Param<?> param : binds.params()) {
                context.visit(param);
            }
        }
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        if (scope != null && scope.roles().observes() && ctx.statement() != null) {
            askForGeneratedKeys(ctx);
        }
        if (scope != null && needsBinds(ctx) && ctx.statement() != null) {
            recording = new RecordingStatement(ctx.statement());
            ctx.statement(recording);
        }
        // Outside the recording: observers see the text as sent.
        basics.prepareEnd(ctx);
    }

    /** Observers get every execution's binds; rules only need those of single-statement batches. */
    private boolean needsBinds(ExecuteContext ctx) {
        return switch (ctx.batchMode()) {
            case NONE -> scope.roles().observes();
            case SINGLE -> scope.roles().observes() || !scope.roles().writeRules.isEmpty();
            case MULTIPLE -> false;
        };
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (scope == null) {
            return;
        }
        if (!rendered && ctx.query() != null && scope.anyReadsContext() && scope.roles().plans()) {
            throw new UnsupportedStatementException("A kept statement (keepStatement(true)) is being re-executed with the bind values "
                    + "of its first execution, but plugins read context when a statement is planned; build the query again instead");
        }
        planReached = true;
        if (PlanTrace.enabled()) {
            PlanTrace.planned(planned(ctx), ctx.sql());
        }
        judgeBoundRows(ctx);
        if (scope.roles().observes()) {
            readPreImage(ctx);
            Event before = new Event(ctx, List.of(), Duration.ZERO, null);
            for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
                observer.role().beforeStatement(before);
            }
        }
        startedAt = System.nanoTime();
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        elapsedNanos = System.nanoTime() - startedAt;
        if (wantsKeys) {
            try (ResultSet keys = ctx.statement().getGeneratedKeys()) {
                Result<Record> rows = keys == null ? null : DSL.using(ctx.dialect()).fetch(keys);
                if (returnsChanged) {
                    changedRows = rows;
                    generatedKeys = rows == null || keyColumns.isEmpty() ? null : keysOf(rows);
                } else {
                    generatedKeys = rows;
                }
            } catch (SQLException e) {
                throw new UnsupportedStatementException("The keys the database generated for this INSERT cannot be read: " + e.getMessage());
            }
        }
    }

    /**
     * Re-prepares a single INSERT (or the statement of a single-statement batch) without RETURNING
     * so that the driver returns the generated values of the columns observers asked for.
     */
    private void askForGeneratedKeys(ExecuteContext ctx) {
        if (ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE || ctx.sql() == null || !(ctx.statement() instanceof PreparedStatement)) {
            return;
        }
        boolean insert = startsWith(ctx.sql(), "insert");
        // Planning a statement nobody planned yet costs a render: UPDATEs and DELETEs only where their rows can come back,
        // and not for observers that plan on demand (StatementObserver.readsPlans).
        if (!insert && !(ctx.dialect().family() == SQLDialect.POSTGRES && ctx.batchMode() == ExecuteContext.BatchMode.NONE
                && !scope.roles().plansLazily() && (startsWith(ctx.sql(), "update") || startsWith(ctx.sql(), "delete")))) {
            return;
        }
        List<PlannedStatement> statements = planned(ctx);
        if (statements.size() != 1) {
            return;
        }
        StatementPlan plan = statements.getFirst().plan();
        if (!insert) {
            askForChangedRows(ctx, plan);
            return;
        }
        // Only a plain INSERT: one that returns rows itself (RETURNING, H2's SELECT … FROM FINAL TABLE) keeps its own preparation.
        // (Not plan.returning(): it is also true for store()'s identity read-back, which MariaDB serves with generated keys.)
        if (plan.kind() != dev.kysera.executor.StatementKind.INSERT || ctx.sql().toLowerCase(java.util.Locale.ROOT).contains("returning")) {
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
            columns.addAll(observer.role().generatedKeys(plan));
        }
        keyColumns = List.copyOf(columns);
        if (ctx.dialect().family() == SQLDialect.POSTGRES && ctx.batchMode() == ExecuteContext.BatchMode.NONE && askForChangedRows(ctx, plan)) {
            return;
        }
        // jOOQ emulates RETURNING on SQLite with last_insert_rowid() after a plain INSERT: leave those to jOOQ. (Finding
        // that out renders the INSERT once more: only when an observer asks for keys.)
        if (columns.isEmpty()
                || ctx.dialect().family() == SQLDialect.SQLITE && ctx.query() != null && JooqInternals.returningOf(ctx.query()) != null) {
            return;
        }
        try {
            if (!(ctx.statement().unwrap(java.sql.Statement.class) instanceof PreparedStatement)) {
                return; // jOOQ inlined the binds (more than the driver takes) into a static statement
            }
            PreparedStatement keyed = ctx.connection().prepareStatement(ctx.sql(), columns.toArray(String[]::new));
            // Close the driver's statement itself: closing jOOQ's wrapper would also release the connection.
            ctx.statement().unwrap(java.sql.Statement.class).close();
            ctx.statement(keyed);
            wantsKeys = true;
        } catch (SQLException e) {
            throw new UnsupportedStatementException("This INSERT cannot be prepared to return its generated keys: " + e.getMessage());
        }
    }

    /**
     * Re-prepares a single INSERT, UPDATE or DELETE without RETURNING on PostgreSQL, when an observer
     * wants the rows it changes: the driver then appends {@code RETURNING *}, so the rows come with
     * the statement itself, without another read.
     *
     * @return whether it was re-prepared
     */
    private boolean askForChangedRows(ExecuteContext ctx, StatementPlan plan) {
        if (!(plan.kind() == dev.kysera.executor.StatementKind.INSERT || plan.kind() == dev.kysera.executor.StatementKind.UPDATE
                || plan.kind() == dev.kysera.executor.StatementKind.DELETE)
                || ctx.sql().toLowerCase(java.util.Locale.ROOT).contains("returning") || !wantChangedRows(plan)) {
            return false;
        }
        try {
            if (!(ctx.statement().unwrap(java.sql.Statement.class) instanceof PreparedStatement)) {
                return false; // jOOQ inlined the binds into a static statement
            }
            PreparedStatement returning = ctx.connection().prepareStatement(ctx.sql(), java.sql.Statement.RETURN_GENERATED_KEYS);
            ctx.statement().unwrap(java.sql.Statement.class).close();
            ctx.statement(returning);
            wantsKeys = true;
            returnsChanged = true;
            return true;
        } catch (SQLException e) {
            throw new UnsupportedStatementException("This " + plan.kind() + " cannot be prepared to return the rows it changes: "
                    + e.getMessage());
        }
    }

    /** The key columns observers asked for, out of the changed rows the driver returned; null if one is missing. */
    private Result<Record> keysOf(Result<Record> rows) {
        List<org.jooq.Field<?>> fields = new java.util.ArrayList<>();
        for (String column : keyColumns) {
            org.jooq.Field<?> field = java.util.Arrays.stream(rows.fields()).filter(f -> f.getName().equalsIgnoreCase(column)).findFirst()
                    .orElse(null);
            if (field == null) {
                return null;
            }
            fields.add(field);
        }
        return rows.into(fields.toArray(org.jooq.Field<?>[]::new));
    }

    /** Whether every observer that wants this DELETE's pre-image also wants its changed rows (which then are the pre-image). */
    private boolean preImageOnlyForChangedRows(StatementPlan plan) {
        for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
            if (observer.role().wantsPreImage(plan) && !observer.role().wantsChangedRows(plan)) {
                return false;
            }
        }
        return true;
    }

    private boolean wantChangedRows(StatementPlan plan) {
        for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
            if (observer.role().wantsChangedRows(plan)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the SQL's first word is {@code word}, without copying it (this runs for every observed statement). */
    private static boolean startsWith(String sql, String word) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        return sql.regionMatches(true, start, word, 0, word.length());
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (scope != null && startedAt == 0 && ctx.exception() instanceof KyseraException refusal) {
            PlanTrace.refused(refusal, ctx.sql());
        }
        if (scope == null || !scope.roles().observes()) {
            return;
        }
        if (startedAt == 0) {
            // Refused while planned, or failed while prepared: nothing was sent, but observers (a decision log) hear of it,
            // whether or not the executor translates errors.
            if (ctx.exception() != null) {
                if (!planReached) {
                    planned = List.of();
                }
                Event refused = new Event(ctx, List.of(), Duration.ZERO, ctx.exception());
                scope.roles().statementObservers.forEach(observer -> observer.role().afterStatement(refused));
            }
            return;
        }
        if (elapsedNanos == 0) {
            elapsedNanos = System.nanoTime() - startedAt;
        }
        Event after = new Event(ctx, rowCounts(ctx), Duration.ofNanos(elapsedNanos), ctx.exception());
        for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
            observer.role().afterStatement(after);
        }
    }

    /**
     * The plans of the statements this execution rendered: those the rewriting listener left while
     * they rendered, else (an executor whose observers plan on demand) planned now by rendering
     * them once more. Known once the statement rendered; a statement never rendered (a kept
     * statement executed again) has none.
     */
    private List<PlannedStatement> planned(ExecuteContext ctx) {
        if (planned == null) {
            planned = !rendered || ExecutorConfigurations.rewrites(ctx.configuration()) ? plans(ctx) : planOnDemand(ctx);
        }
        return planned;
    }

    private static List<PlannedStatement> planOnDemand(ExecuteContext ctx) {
        // A batch has no query of its own, only its batch queries (one for batch(query).bind(…)).
        List<org.jooq.Query> queries = ctx.batchMode() != ExecuteContext.BatchMode.NONE
                ? (ctx.batchQueries() == null ? List.of() : Arrays.asList(ctx.batchQueries()))
                : ctx.query() == null ? List.of() : List.of(ctx.query());
        if (queries.isEmpty()) {
            return List.of();
        }
        List<PlannedStatement> sink = new ArrayList<>(queries.size());
        DSLContext planner = DSL.using(ExecutorConfigurations.planningOnDemand(ctx, sink));
        for (org.jooq.Query query : queries) {
            planner.renderContext().visit(query);
        }
        return firstOrEvery(ctx, sink);
    }

    /**
     * The plans of the statements this execution rendered. A single statement may be rendered more
     * than once while it executes (jOOQ's DEBUG logging renders it again, inlined): its first plan
     * is the one that ran.
     */
    @SuppressWarnings("unchecked")
    private static List<PlannedStatement> plans(ExecuteContext ctx) {
        Object plans = ctx.data(RewritingVisitListener.PLANS);
        return plans == null ? List.of() : firstOrEvery(ctx, (List<PlannedStatement>) plans);
    }

    private static List<PlannedStatement> firstOrEvery(ExecuteContext ctx, List<PlannedStatement> all) {
        if (all.isEmpty()) {
            return List.of();
        }
        return ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE ? List.copyOf(all) : List.of(all.getFirst());
    }

    /** Rules that could not judge a single-statement batch while it was planned judge each bound row now. */
    private void judgeBoundRows(ExecuteContext ctx) {
        if (scope.roles().writeRules.isEmpty()) {
            return; // only write rules defer
        }
        for (PlannedStatement statement : planned(ctx)) {
            for (PlanBuilder.DeferredRule deferred : statement.deferredRules()) {
                if (recording == null) {
                    throw new UnsupportedStatementException("Values bound at execution cannot be seen here, so the rules of "
                            + deferred.rule().plugin().name() + " cannot judge them");
                }
                for (List<Object> row : recording.rows()) {
                    PostImage image = bound(deferred.image(), row, ctx.params());
                    if (deferred.rule().role().judge(deferred.table(), deferred.operation(), image, scope.context(ctx.dialect()))
                            instanceof Verdict v && !(v instanceof Verdict.Allow)) {
                        String reason = v instanceof Verdict.Refuse refuse ? refuse.reason()
                                : "a condition to enforce in SQL cannot apply to a value bound per batch row";
                        throw StatementRewriter.denied(deferred.rule(), deferred.table(), deferred.operation(), reason);
                    }
                }
            }
        }
    }

    private static boolean isBound(PostImage image) {
        return image.values().values().stream().anyMatch(WrittenValue.BoundAtExecution.class::isInstance);
    }

    private static PostImage bound(PostImage image, List<Object> row, Param<?>[] params) {
        PostImage result = image;
        for (Map.Entry<String, WrittenValue> entry : image.values().entrySet()) {
            if (entry.getValue() instanceof WrittenValue.BoundAtExecution bound) {
                int index = indexOf(params, bound.placeholder());
                if (index < 0 || index >= row.size()) {
                    throw new UnsupportedStatementException("The value bound to column " + entry.getKey()
                            + " in this batch cannot be located, so rules cannot judge it");
                }
                result = result.with(entry.getKey(), new WrittenValue.Constant(row.get(index)));
            }
        }
        return result;
    }

    private static int indexOf(Param<?>[] params, Param<?> placeholder) {
        if (params == null) {
            return -1;
        }
        int index = 0;
        for (Param<?> param : params) {
            if (param == placeholder) {
                return index;
            }
            if (!param.isInline()) {
                index++;
            }
        }
        return -1;
    }

    private void readPreImage(ExecuteContext ctx) {
        if (scope.roles().plansLazily() && ctx.query() instanceof org.jooq.Select<?>) {
            return; // observers that plan on demand are not asked about DSL SELECTs (StatementObserver.readsPlans)
        }
        List<PlannedStatement> planned = planned(ctx);
        if (planned.isEmpty() || ctx.connection() == null || !wantPreImage(planned.getFirst().plan())) {
            return;
        }
        if (returnsChanged && planned.getFirst().plan().kind() == dev.kysera.executor.StatementKind.DELETE
                && preImageOnlyForChangedRows(planned.getFirst().plan())) {
            return; // the rows it deletes come back with it, as they were
        }
        PlannedStatement statement = planned.getFirst();
        if (statement.preImageTable() == null || ctx.batchMode() != ExecuteContext.BatchMode.NONE || planned.size() > 1) {
            throw new UnsupportedStatementException("An observer needs the rows this " + statement.plan().writtenKind()
                    + " will touch, which can only be read for a single-table UPDATE or DELETE run on its own (not in a batch, "
                    + "not with FROM/USING)");
        }
        preImage = PreImageReads.read(ctx, statement, recording == null ? null : recording.rows().getFirst());
    }

    private boolean wantPreImage(StatementPlan plan) {
        for (Registered<StatementObserver> observer : scope.roles().statementObservers) {
            if (observer.role().wantsPreImage(plan)) {
                return true;
            }
        }
        return false;
    }

    private List<Long> rowCounts(ExecuteContext ctx) {
        if (recording != null && recording.batchCounts() != null) {
            return Arrays.stream(recording.batchCounts()).boxed().toList();
        }
        if (ctx.batchMode() != ExecuteContext.BatchMode.NONE) {
            long[] rows = ctx.batchRowsLarge();
            return rows == null ? List.of() : Arrays.stream(rows).boxed().toList();
        }
        if (ctx.result() != null) {
            return List.of((long) ctx.result().size());
        }
        return ctx.rowsLarge() < 0 ? List.of() : List.of(ctx.rowsLarge());
    }

    /** The plans observers see, the same list in every event of this execution. */
    private List<StatementPlan> eventPlans(ExecuteContext ctx) {
        if (plans == null) {
            List<PlannedStatement> statements = planned(ctx);
            plans = statements.isEmpty() ? List.of(StatementPlan.opaque(false)) : statements.stream().map(PlannedStatement::plan).toList();
        }
        return plans;
    }

    /** The SQL observers see, the same list in every event of this execution. */
    private List<String> eventSql(ExecuteContext ctx) {
        if (sql == null) {
            sql = ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE && ctx.batchSQL() != null
                    ? List.of(ctx.batchSQL()) : ctx.sql() == null ? List.of() : List.of(ctx.sql());
        }
        return sql;
    }

    /** The context observers see: the statement's transaction cannot change while it runs. */
    private PluginContext eventContext(ExecuteContext ctx) {
        if (context == null) {
            context = scope.context(ctx.dialect());
        }
        return context;
    }

    /**
     * What observers see of one execution. Its plans are read when first asked for (so an executor
     * that plans on demand plans only statements whose plan an observer reads); everything else
     * is as it was when the event was made.
     */
    private final class Event implements StatementEvent {
        private final List<String> sql;
        private final boolean batch;
        private final List<List<Object>> binds;
        private final List<Long> rowCounts;
        private final Duration elapsed;
        private final RuntimeException failure;
        private final PluginContext context;
        private final ExecuteContext execution;

        Event(ExecuteContext ctx, List<Long> rowCounts, Duration elapsed, RuntimeException failure) {
            this.batch = ctx.batchMode() != ExecuteContext.BatchMode.NONE;
            this.sql = eventSql(ctx);
            this.binds = recording == null ? List.of() : recording.rows();
            this.rowCounts = List.copyOf(rowCounts);
            this.elapsed = elapsed;
            this.failure = failure;
            this.context = eventContext(ctx);
            this.execution = ctx;
        }

        @Override
        public List<RowWrite> writtenRows() {
            List<RowWrite> rows = new ArrayList<>();
            for (PlannedStatement statement : planned(execution)) {
                for (RowWrite write : statement.plan().writes()) {
                    if (!isBound(write.image()) || recording == null) {
                        rows.add(write);
                        continue;
                    }
                    for (List<Object> row : recording.rows()) {
                        rows.add(new RowWrite(write.table(), write.operation(), bound(write.image(), row, execution.params())));
                    }
                }
            }
            return rows;
        }

        @Override
        public DSLContext dsl() {
            // The driver's connection itself: jOOQ's wrapper refuses bind values while it runs a statement with inlined values.
            try {
                return DSL.using(execution.connection().unwrap(java.sql.Connection.class), execution.dialect(),
                        execution.configuration().settings());
            } catch (SQLException e) {
                throw new UnsupportedStatementException("The statement's connection cannot be used by observers: " + e.getMessage());
            }
        }

        @Override
        public StatementPlan plan() {
            return eventPlans(execution).getFirst();
        }

        @Override
        public List<StatementPlan> plans() {
            return eventPlans(execution);
        }

        @Override
        public List<String> sql() {
            return sql;
        }

        @Override
        public boolean batch() {
            return batch;
        }

        @Override
        public List<List<Object>> binds() {
            return binds;
        }

        @Override
        public List<Long> rowCounts() {
            return rowCounts;
        }

        @Override
        public Optional<Result<Record>> preImage() {
            return Optional.ofNullable(preImage);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<Result<Record>> returnedRows() {
            return Optional.ofNullable((Result<Record>) execution.result());
        }

        @Override
        public Optional<Result<Record>> generatedKeys() {
            return Optional.ofNullable(generatedKeys);
        }

        @Override
        public boolean returnsChangedRows() {
            return returnsChanged;
        }

        @Override
        public Optional<Result<Record>> changedRows() {
            return Optional.ofNullable(changedRows);
        }

        @Override
        public Duration elapsed() {
            return elapsed;
        }

        @Override
        public Optional<RuntimeException> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public PluginContext context() {
            return context;
        }

        @Override
        public Optional<TransactionHandle> transaction() {
            return context.transaction();
        }

        @Override
        public String toString() {
            return "StatementEvent[" + sql + ", rows=" + rowCounts + (failure == null ? "" : ", failed: " + failure) + "]";
        }
    }
}
