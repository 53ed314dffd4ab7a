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

    /** Unique name, used for ordering, bypass ({@link Executor#withoutPlugin(String)}) and errors. */
    String name();

    /** Higher runs first; ties keep registration order. Dependencies always run before dependents. */
    default int priority() {
        return 0;
    }

    /** Names of plugins that must be registered too, and run before this one. */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /** Names of plugins that must not be registered together with this one. */
    default Set<String> conflictsWith() {
        return Set.of();
    }

    /** Whether the plugin's planning roles have anything to say about this table; false skips it cheaply. */
    default boolean appliesTo(TableReference table) {
        return true;
    }

    /**
     * Whether what this plugin adds depends on context or time. Then re-executing a kept statement
     * ({@code keepStatement(true)}), which reuses old bind values, is refused.
     */
    default boolean readsContext() {
        return true;
    }

    /** Registers the roles this plugin plays; called once, when the executor is built. None by default. */
    default void register(PluginRoles roles) {
    }

    /** Typed extensions this plugin offers to upper layers (e.g. repository methods). */
    default List<Extension<?, ?>> extensions() {
        return List.of();
    }

    /** Runs once when the executor is built, in plugin order, with a context that has no plugins. */
    default void onInit(DSLContext dsl) {
    }

    /** Runs once when the executor is closed, in reverse plugin order. */
    default void onDestroy() {
    }
}
