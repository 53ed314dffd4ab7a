package dev.kysera.executor;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * A plugin applies to every statement that runs through an {@link Executor}: repository calls, DAL
 * functions, hand-written jOOQ DSL, {@code UpdatableRecord}s, batches, joins, subqueries, CTEs and
 * parsed plain SQL. It plays small roles, registered once in {@link #register(PluginRoles)}, each
 * run in its own phase:
 * <ul>
 *   <li>planning — pure decisions while the executor plans a statement: {@link RowFilter},
 *       {@link WriteValues}, {@link WriteRule}, {@link StatementTransform}, and {@link Enforcement}
 *       to fail closed;</li>
 *   <li>execution — {@link StatementObserver}s before and after each statement and batch;</li>
 *   <li>transactions — {@link TransactionObserver}s and after-commit callbacks.</li>
 * </ul>
 * The plugin never edits jOOQ's query model: the executor finds each table occurrence, asks the
 * roles about it and applies their answers to a copy of the statement.
 *
 * <p>Roles are called from many threads at once; they must be thread-safe and planning roles must
 * be pure. Context (user, tenant, flags) comes from the {@link PluginContext}, never from state
 * captured earlier.
 */
public interface Plugin {

    /**
     * The plugin's name, unique among an executor's plugins.
     *
     * @return the name that {@link #dependsOn()}, {@link #conflictsWith()},
     *         {@link Executor#withoutPlugin(String)}, refusals and {@link dev.kysera.executor.plan.StatementPlan#changedBy()} use
     */
    String name();

    /**
     * The plugin's place in the run order, and the default order of its roles: higher runs first;
     * ties keep registration order. Dependencies always run before dependents.
     *
     * @return the priority; 0 by default
     */
    default int priority() {
        return 0;
    }

    /**
     * Names of plugins that must be registered too, and run before this one.
     *
     * @return the names; none by default
     */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /**
     * Names of plugins that must not be registered together with this one.
     *
     * @return the names; none by default
     */
    default Set<String> conflictsWith() {
        return Set.of();
    }

    /**
     * Whether the plugin's planning roles have anything to say about this table occurrence; false
     * skips it cheaply. A fail-closed plugin's {@link Enforcement} is consulted regardless.
     *
     * @param table the occurrence
     * @return true by default
     */
    default boolean appliesTo(TableReference table) {
        return true;
    }

    /**
     * Whether what this plugin adds depends on context or time. Then re-executing a kept statement
     * ({@code keepStatement(true)}), which reuses old bind values, is refused.
     *
     * @return true by default; return false only when the plugin's decisions never change between executions
     */
    default boolean readsContext() {
        return true;
    }

    /**
     * Registers the roles this plugin plays; called once per executor, when it is built, before
     * {@link #onInit}. None by default.
     *
     * @param roles where to register them; valid only during the call
     */
    default void register(PluginRoles roles) {
    }

    /**
     * Typed extensions this plugin offers to upper layers (e.g. repository methods), found with
     * {@link Executor#extension}.
     *
     * @return the extensions; none by default
     */
    default List<Extension<?, ?>> extensions() {
        return List.of();
    }

    /**
     * Runs once when the executor is built, in plugin order, e.g. to check or create the plugin's
     * tables. Throwing fails the build with a {@link PluginLifecycleException}.
     *
     * @param dsl a context on the executor's connections without any plugin
     */
    default void onInit(DSLContext dsl) {
    }

    /**
     * Runs once when the executor is closed, in reverse plugin order (and for already initialized
     * plugins when a later one fails to initialize). Throwing does not stop the others; the close
     * then fails with a {@link PluginLifecycleException}.
     */
    default void onDestroy() {
    }
}
