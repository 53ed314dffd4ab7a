package dev.kysera.executor.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
import org.jooq.conf.RenderImplicitJoinType;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** Derives the jOOQ configurations an executor runs statements through. */
public final class ExecutorConfigurations {

    private static final VisitListenerProvider REWRITER = RewritingVisitListener::new;
    private static final ExecuteListenerProvider STATEMENT_GUARDS = new DefaultExecuteListenerProvider(new StatementGuards());

    /** The execution listener of executors whose plugins plan or observe: one per execution. */
    private record Execution(ExecutionBasics basics) implements ExecuteListenerProvider {
        @Override
        public ExecuteListener provide() {
            return new ExecutionListener(basics);
        }
    }

    private ExecutorConfigurations() {
    }

    /**
     * The root configuration of an executor built over {@code configuration}: its connections
     * join the transaction open on the current thread, and it carries none of Kysera's listeners yet.
     */
    public static Configuration source(Configuration configuration, ExecutorLifecycle lifecycle) {
        Configuration plain = withoutKysera(configuration);
        return plain.derive(new JoiningConnectionProvider(plain.connectionProvider(), lifecycle));
    }

    /**
     * The configuration an executor runs statements through: one execute listener of Kysera's
     * (closed executors, error translation when enabled, SQLite's timestamps, and where plugins
     * plan or observe batch rules and observers), the statement guards' if any, with planning roles
     * the rewriting listener, with implicit path joins rendered as (rewritable) scalar subqueries,
     * and the executor's own transaction provider, so that jOOQ's {@code transaction()} called on
     * the executor's context is a transaction of the executor.
     */
    public static Configuration forExecutor(Configuration source, Scope scope) {
        Configuration derived = source.derive();
        boolean sqlite = source.dialect().family() == SQLDialect.SQLITE;
        // Observers whose plans are planned on demand need the execution listener, not the rewriting one.
        boolean plans = scope.roles().plans() || scope.roles().observes() && !scope.roles().plansLazily();
        boolean executes = plans || scope.roles().observes();
        List<ExecuteListenerProvider> execute = new ArrayList<>();
        for (ExecuteListenerProvider user : derived.executeListenerProviders()) {
            // The caller's own listeners see the statement that runs once it is planned.
            execute.add(plans ? PlannedQueryListener.wrap(user) : user);
        }
        ExecutionBasics basics = new ExecutionBasics(scope.lifecycle().translator().isPresent(), source.dialect().family(), plans);
        // Without planning or observing roles nothing is kept per execution: one shared, stateless listener.
        execute.add(executes ? new Execution(basics) : new DefaultExecuteListenerProvider(basics));
        if (!scope.lifecycle().statementGuards().isEmpty()) {
            // After error translation (guards see Kysera's typed errors) and the lifecycle check.
            execute.add(STATEMENT_GUARDS);
        }
        derived.set(execute.toArray(ExecuteListenerProvider[]::new));
        if (plans) {
            // It also renders SQLite's inline timestamps fixed-width; without it the execute listener does (after rendering).
            List<VisitListenerProvider> visit = new ArrayList<>(Arrays.asList(derived.visitListenerProviders()));
            visit.add(REWRITER);
            derived.set(visit.toArray(VisitListenerProvider[]::new));
        }
        derived.set(new ExecutorTransactionProvider(source));
        if (scope.roles().plans() || sqlite) {
            Settings settings = derived.settings() == null ? new Settings() : (Settings) derived.settings().clone();
            if (scope.roles().plans()) {
                settings.setRenderImplicitJoinType(RenderImplicitJoinType.SCALAR_SUBQUERY);
            }
            if (sqlite) {
                // Otherwise jOOQ reads an INSERT's rows back by last_insert_rowid(), which names one row only
                // (the last of a multi-row INSERT, a previous insert's after an upsert that updated);
                // SQLite's own RETURNING (3.35+) returns exactly the statement's rows, in one statement.
                settings.setFetchTriggerValuesAfterReturning(FetchTriggerValuesAfterReturning.NEVER);
            }
            derived.set(settings);
        }
        derived.data(Scope.DATA_KEY, scope);
        PlanCache.markSettings(derived, scope.lifecycle().planCache().settingsIdentity(derived.settings()));
        return derived;
    }

    /**
     * An executor configuration with another scope of the same plugins: a per-request
     * {@code with(TENANT, …)} costs one {@code derive()}, not a rebuilt listener list and settings.
     */
    public static Configuration rescoped(Configuration executorConfiguration, Scope scope) {
        Configuration derived = executorConfiguration.derive();
        derived.data(Scope.DATA_KEY, scope);
        PlanCache.inheritSettings(executorConfiguration, derived);
        return derived;
    }

    /**
     * A configuration that renders a statement once more with the rewriting listener, to plan it
     * for {@code execution} on demand: the plans it makes go to {@code sink}, never to the
     * execution's data.
     */
    static Configuration planningOnDemand(ExecuteContext execution, List<PlannedStatement> sink) {
        Configuration derived = execution.configuration().derive();
        List<VisitListenerProvider> visit = new ArrayList<>(Arrays.asList(derived.visitListenerProviders()));
        visit.add(() -> new RewritingVisitListener(new RewritingVisitListener.OnDemand(execution, sink)));
        derived.set(visit.toArray(VisitListenerProvider[]::new));
        return derived;
    }

    /** Whether statements of {@code configuration} render with the rewriting listener (so are planned while rendered). */
    static boolean rewrites(Configuration configuration) {
        for (VisitListenerProvider provider : configuration.visitListenerProviders()) {
            if (provider == REWRITER) {
                return true;
            }
        }
        return false;
    }

    /** Whether every visit listener of {@code configuration} is Kysera's own (none of the caller's). */
    static boolean onlyKyseraVisitListeners(Configuration configuration) {
        for (VisitListenerProvider provider : configuration.visitListenerProviders()) {
            if (!isKyseras(provider)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every execute listener of {@code configuration} is Kysera's own (none of the caller's). */
    static boolean onlyKyseraExecuteListeners(Configuration configuration) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders()) {
            if (!isKyseras(provider)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKyseras(VisitListenerProvider provider) {
        return provider == REWRITER;
    }

    private static boolean isKyseras(ExecuteListenerProvider provider) {
        return provider instanceof Execution || provider == STATEMENT_GUARDS
                || provider instanceof DefaultExecuteListenerProvider shared && shared.provide() instanceof ExecutionBasics;
    }

    /** The same configuration without Kysera's listeners (e.g. a transaction's, to derive an executor from). */
    public static Configuration withoutKysera(Configuration configuration) {
        if (configuration.data(Scope.DATA_KEY) == null) {
            return configuration;
        }
        Configuration derived = configuration.derive();
        derived.set(Arrays.stream(derived.visitListenerProviders()).filter(p -> !isKyseras(p)).toArray(VisitListenerProvider[]::new));
        derived.set(Arrays.stream(derived.executeListenerProviders()).filter(p -> !isKyseras(p)).map(PlannedQueryListener::unwrap)
                .toArray(ExecuteListenerProvider[]::new));
        if (derived.transactionProvider() instanceof ExecutorTransactionProvider own) {
            derived.set(own.sourceProvider());
        }
        derived.data().remove(Scope.DATA_KEY);
        derived.data().remove(PlanCache.SETTINGS_ID);
        return derived;
    }
}
