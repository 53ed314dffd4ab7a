package dev.kysera.micrometer;

import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.micrometer.internal.BoundedNames;
import dev.kysera.micrometer.internal.DbSystems;
import dev.kysera.micrometer.internal.Errors;
import dev.kysera.micrometer.internal.Statements;
import dev.kysera.micrometer.internal.Targets;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Micrometer {@link Observation}s for every statement and transaction that runs through an
 * executor, with the OpenTelemetry semantic-convention keys of database clients (see
 * {@link DbObservationDocumentation}). With a meter handler on the registry each observation is a
 * timer ({@code db.client.operation}, {@code db.client.transaction}, {@code db.client.savepoint})
 * tagged with bounded low-cardinality keys; with a tracing handler it is a span, statements nested
 * in their savepoint or transaction, savepoints in their transaction, and that in whatever
 * observation was current when it began.
 *
 * <p>It only observes: it never changes, refuses or fails a statement. A handler or convention
 * that throws is caught, counted in {@link #failures()} and logged (the first at WARNING, later
 * ones at DEBUG on {@code dev.kysera.micrometer.MicrometerPlugin}). Its cost per statement is
 * building one context and the registry's handlers; with a no-op registry and no meter registry
 * it does nothing.
 *
 * <pre>{@code
 * MicrometerPlugin metrics = MicrometerPlugin.of(observationRegistry);
 * Executor executor = Executor.builder().dsl(dsl).plugin(metrics).build();
 * }</pre>
 */
public final class MicrometerPlugin implements Plugin {

    private static final System.Logger LOG = System.getLogger(MicrometerPlugin.class.getName());

    private final ObservationRegistry registry;
    private final MicrometerOptions options;
    private final StatementObservationConvention customStatements;
    private final StatementObservationConvention defaultStatements;
    private final TransactionObservationConvention customTransactions;
    private final TransactionObservationConvention defaultTransactions;
    private final TransactionObservationConvention customSavepoints;
    private final TransactionObservationConvention defaultSavepoints;
    private final BoundedNames collections;
    private final MeterRegistry meters;
    private final AtomicReference<DatabaseTarget> target = new AtomicReference<>();
    private final ThreadLocal<ThreadState> threads = new ThreadLocal<>();
    private final LongAdder failures = new LongAdder();

    private MicrometerPlugin(ObservationRegistry registry, MicrometerOptions options) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.options = Objects.requireNonNull(options, "options");
        this.customStatements = options.statementConvention().orElse(null);
        this.defaultStatements = new DefaultStatementObservationConvention(options.statementObservationName());
        this.customTransactions = options.transactionConvention().orElse(null);
        this.defaultTransactions = new DefaultTransactionObservationConvention(options.transactionObservationName());
        this.customSavepoints = options.savepointConvention().orElse(null);
        this.defaultSavepoints = new DefaultTransactionObservationConvention(options.savepointObservationName());
        this.collections = new BoundedNames(options.maxCollectionNames(), DbObservationDocumentation.OTHER);
        this.meters = options.meterRegistry().orElse(null);
        options.target().ifPresent(target::set);
    }

    /**
     * The plugin with the default options, reporting to {@code registry}.
     *
     * @param registry where observations go; a no-op registry observes nothing
     * @return the plugin, to register with an executor
     * @throws NullPointerException if {@code registry} is null
     */
    public static MicrometerPlugin of(ObservationRegistry registry) {
        return new MicrometerPlugin(registry, MicrometerOptions.defaults());
    }

    /**
     * The plugin with these options, reporting to {@code registry}.
     *
     * @param registry where observations go
     * @param options  names, what to record, conventions and meters
     * @return the plugin, to register with an executor
     * @throws NullPointerException if either is null
     */
    public static MicrometerPlugin of(ObservationRegistry registry, MicrometerOptions options) {
        return new MicrometerPlugin(registry, options);
    }

    /**
     * The options this plugin was built with.
     *
     * @return the options
     */
    public MicrometerOptions options() {
        return options;
    }

    /**
     * How many times a handler, convention or meter failed while observing (the statements went on).
     *
     * @return the count since the plugin was built
     */
    public long failures() {
        return failures.sum();
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public boolean appliesTo(dev.kysera.executor.TableReference table) {
        return false; // no planning roles: nothing to say about any table
    }

    @Override
    public boolean readsContext() {
        return false;
    }

    @Override
    public void register(PluginRoles roles) {
        roles.statementObserver(new StatementObserver() {
            @Override
            public boolean readsPlans() {
                // Asked when an executor is built: without handlers or meters nothing is observed, so no plan is read.
                return active();
            }

            @Override
            public void beforeStatement(StatementEvent event) {
                guarded(() -> before(event));
            }

            @Override
            public void afterStatement(StatementEvent event) {
                guarded(() -> after(event));
            }
        });
        if (options.observeTransactions()) {
            roles.transactionObserver(new TransactionObserver() {
                @Override
                public void afterBegin(TransactionHandle transaction) {
                    guarded(() -> begun(transaction));
                }

                @Override
                public void afterCommit(TransactionHandle transaction) {
                    guarded(() -> ended(transaction, null));
                }

                @Override
                public void afterRollback(TransactionHandle transaction, Throwable cause) {
                    guarded(() -> ended(transaction, cause == null ? new IllegalStateException("rolled back") : cause));
                }
            });
        }
    }

    private boolean active() {
        return meters != null || !registry.isNoop();
    }

    // ---- statements

    private void before(StatementEvent event) {
        if (!active()) {
            return;
        }
        StatementObservationContext context = context(event);
        Observation observation = Observation.createNotStarted(customStatements, defaultStatements, () -> context, registry);
        OpenStatement open = new OpenStatement(event.plan(), event.sql().isEmpty() ? null : event.sql().getFirst(), observation, context);
        ThreadState state = state();
        // A statement still open here never got its afterStatement (another observer threw before it was sent):
        // end it now, so handlers do not hold it forever. Observed statements do not nest on one thread.
        state.abandonOpenStatements();
        // Pushed before it starts: if a handler fails to start it, afterStatement must still find (and skip) it.
        state.push(open);
        countInTransaction(event);
        open.broken = true;
        observation.start();
        open.broken = false;
    }

    private void after(StatementEvent event) {
        ThreadState state = threads.get();
        OpenStatement open = state == null ? null : state.take(event);
        boolean executed = open != null;
        if (open != null && open.broken) {
            if (state.isEmpty()) {
                threads.remove();
            }
            return; // its start failed and was counted; stopping it would only fail again
        }
        if (open == null) {
            if (!active()) {
                return;
            }
            // No beforeStatement: refused while planned, or failed while prepared. Observed all the same, with no duration.
            StatementObservationContext context = context(event);
            open = new OpenStatement(event.plan(), null,
                    Observation.createNotStarted(customStatements, defaultStatements, () -> context, registry), context);
            countInTransaction(event);
            open.observation().start();
        }
        StatementObservationContext context = open.context();
        RuntimeException failure = event.failure().orElse(null);
        if (failure != null) {
            // The executor reports a statement stopped before it was sent with no duration (another observer's refusal).
            context.failed(failure, Errors.type(failure), Errors.sqlState(failure), !executed || event.elapsed().isZero());
            open.observation().error(failure);
        } else if (!event.rowCounts().isEmpty()) {
            long rows = event.affectedRows();
            boolean select = event.plans().stream().allMatch(plan -> plan.kind() == StatementKind.SELECT);
            context.completed(select ? rows : null, select || event.plans().stream().allMatch(p -> p.kind() == StatementKind.OTHER) ? null : rows);
        }
        try {
            open.observation().stop();
        } finally {
            if (state != null && state.isEmpty()) {
                threads.remove();
            }
        }
        recordRows(context);
    }

    private StatementObservationContext context(StatementEvent event) {
        SQLDialect dialect = event.context().dialect();
        List<StatementPlan> plans = event.plans();
        int batchSize = Statements.batchSize(event);
        String operation = Statements.operationName(event, batchSize);
        String collection = Statements.collectionName(plans);
        String queryText = options.includeQueryText() && !event.sql().isEmpty()
                ? Statements.queryText(event.sql(), dialect, options.sanitizeQueryText(), options.maxQueryTextLength()) : null;
        List<String> parameters = options.includeBindValues()
                ? Statements.parameters(event.binds(), options.maxBindValues(), options.maxBindValueLength()) : List.of();
        Long transactionId = event.transaction().map(TransactionHandle::id).orElse(null);
        return new StatementObservationContext(event.plan(), DbSystems.systemName(dialect), target(event::dsl, dialect),
                operation, collection == null ? null : collections.admit(collection), Statements.summary(operation, plans),
                queryText, parameters, batchSize, transactionId);
    }

    private void countInTransaction(StatementEvent event) {
        ThreadState state = threads.get();
        if (state == null || event.transaction().isEmpty()) {
            return;
        }
        long id = event.transaction().get().id();
        // The transaction and each savepoint open in it count the statement.
        for (OpenTransaction open : state.transactions) {
            if (open.handle().id() == id) {
                open.context().statementRan();
            }
        }
    }

    private void recordRows(StatementObservationContext context) {
        if (meters == null || context.getError() != null) {
            return;
        }
        if (context.returnedRows().isEmpty() && context.affectedRows().isEmpty()) {
            return;
        }
        StatementObservationConvention convention = customStatements != null ? customStatements : defaultStatements;
        List<Tag> tags = new ArrayList<>();
        for (KeyValue value : convention.getLowCardinalityKeyValues(context)) {
            tags.add(Tag.of(value.getKey(), value.getValue()));
        }
        context.returnedRows().ifPresent(rows -> DistributionSummary.builder(options.prefix() + ".response.returned_rows")
                .description("Rows returned by SELECT statements").baseUnit("rows").tags(Tags.of(tags)).register(meters).record(rows));
        context.affectedRows().ifPresent(rows -> Counter.builder(options.prefix() + ".affected_rows")
                .description("Rows affected by INSERT, UPDATE, DELETE and MERGE statements").baseUnit("rows").tags(Tags.of(tags))
                .register(meters).increment(rows));
    }

    /** Read once from the first connection seen (a metadata call); unknown while no connection was at hand. */
    private DatabaseTarget target(Supplier<DSLContext> dsl, SQLDialect dialect) {
        DatabaseTarget known = target.get();
        if (known != null) {
            return known;
        }
        DatabaseTarget read;
        try {
            read = dsl.get().connectionResult(connection -> connection == null ? null : Targets.of(connection, dialect));
        } catch (RuntimeException e) {
            read = null; // a refused statement may have no connection: try again with the next one
        }
        if (read == null) {
            return DatabaseTarget.UNKNOWN;
        }
        target.compareAndSet(null, read);
        return target.get();
    }

    // ---- transactions

    private void begun(TransactionHandle transaction) {
        if (registry.isNoop()) {
            return;
        }
        TransactionObservationContext context = new TransactionObservationContext(transaction,
                DbSystems.systemName(transaction.context().dialect()), target(transaction::dsl, transaction.context().dialect()));
        boolean savepoint = transaction.depth() > 0;
        Observation observation = savepoint
                ? Observation.createNotStarted(customSavepoints, defaultSavepoints, () -> context, registry)
                : Observation.createNotStarted(customTransactions, defaultTransactions, () -> context, registry);
        ThreadState state = state();
        OpenTransaction enclosing = savepoint ? state.enclosing(transaction) : null;
        if (enclosing != null) {
            // Explicit, not just the current observation: something else may have opened a scope inside the transaction.
            observation.parentObservation(enclosing.observation());
        }
        observation.start();
        // The scope makes it the parent of its statements (and savepoints), on this thread, until it ends.
        Observation.Scope scope = observation.openScope();
        state.transactions.push(new OpenTransaction(transaction, observation, scope, context));
    }

    private void ended(TransactionHandle transaction, Throwable cause) {
        ThreadState state = threads.get();
        if (state == null) {
            return;
        }
        OpenTransaction open = null;
        for (Iterator<OpenTransaction> it = state.transactions.iterator(); it.hasNext(); ) {
            OpenTransaction candidate = it.next();
            if (candidate.handle() == transaction) {
                it.remove();
                open = candidate;
                break;
            }
        }
        if (state.isEmpty()) {
            threads.remove();
        }
        if (open == null) {
            return;
        }
        if (cause == null) {
            open.context().committed();
        } else {
            open.context().rolledBack(cause, Errors.type(cause));
            open.observation().error(cause);
        }
        try {
            open.scope().close();
        } finally {
            open.observation().stop();
        }
    }

    // ---- bookkeeping

    private ThreadState state() {
        ThreadState state = threads.get();
        if (state == null) {
            state = new ThreadState();
            threads.set(state);
        }
        return state;
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failures.increment();
            // The first failure is loud; a broken handler would otherwise log once per statement.
            LOG.log(failures.sum() == 1 ? Level.WARNING : Level.DEBUG,
                    "An observation handler or convention failed; the statement or transaction is not affected", e);
        }
    }

    /** A statement between its before- and after-event; {@code broken} while (or because) its start failed. */
    private static final class OpenStatement {
        private final StatementPlan plan;
        private final String sql;
        private final Observation observation;
        private final StatementObservationContext context;
        boolean broken;

        OpenStatement(StatementPlan plan, String sql, Observation observation, StatementObservationContext context) {
            this.plan = plan;
            this.sql = sql;
            this.observation = observation;
            this.context = context;
        }

        StatementPlan plan() {
            return plan;
        }

        String sql() {
            return sql;
        }

        Observation observation() {
            return observation;
        }

        StatementObservationContext context() {
            return context;
        }
    }

    private record OpenTransaction(TransactionHandle handle, Observation observation, Observation.Scope scope,
                                   TransactionObservationContext context) {
    }

    /** What is open on one thread: the statement between its before- and after-event, transactions. */
    private static final class ThreadState {
        final ArrayDeque<OpenStatement> statements = new ArrayDeque<>(2);
        final ArrayDeque<OpenTransaction> transactions = new ArrayDeque<>(2);

        /** The innermost open transaction or savepoint a savepoint begins in: the same transaction, one level up. */
        OpenTransaction enclosing(TransactionHandle savepoint) {
            for (OpenTransaction open : transactions) {
                if (open.handle().id() == savepoint.id() && open.handle().depth() == savepoint.depth() - 1) {
                    return open;
                }
            }
            return null;
        }

        /** The open statement this after-event belongs to: the before- and after-events of one execution share the plan object and the SQL string. */
        OpenStatement take(StatementEvent event) {
            OpenStatement open = statements.peek();
            String sql = event.sql().isEmpty() ? null : event.sql().getFirst();
            if (open != null && (open.plan() == event.plan() || (sql != null && open.sql() == sql))) {
                return statements.pop();
            }
            return null;
        }

        void push(OpenStatement open) {
            statements.push(open);
        }

        void abandonOpenStatements() {
            while (!statements.isEmpty()) {
                abandon(statements.pop());
            }
        }

        boolean isEmpty() {
            return statements.isEmpty() && transactions.isEmpty();
        }

        /** Ends an observation whose statement never reported back, so handlers release what they hold for it. */
        private static void abandon(OpenStatement open) {
            if (open.broken) {
                return;
            }
            IllegalStateException never = new IllegalStateException("The statement never reported its end: another observer "
                    + "failed before it was sent");
            open.context().failed(never, Errors.type(never), null, true);
            open.observation().error(never);
            open.observation().stop();
        }
    }
}
