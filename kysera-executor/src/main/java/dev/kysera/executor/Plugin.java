package dev.kysera.executor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * A plugin rewrites every statement that runs through an {@link Executor}: repository calls, DAL
 * functions, hand-written jOOQ DSL, {@code UpdatableRecord}s, batches, joins, subqueries and CTEs.
 * It never sees jOOQ's query model: the executor finds each physical table reference, asks the
 * plugin about it, and puts the answer in the right place (WHERE, the ON clause of an outer join,
 * the SET list, the VALUES rows).
 *
 * <p>Every method is called while a statement renders, possibly from many threads at once;
 * implementations must be thread-safe and should be fast. Context (user, tenant, flags) comes from
 * the {@link PluginContext}, never from state captured earlier.
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

    /**
     * Whether statements the executor cannot see into (unparseable plain SQL, opaque plain-SQL
     * tables, MERGE, an upsert it cannot filter) must be refused rather than run unfiltered. Security
     * plugins (row-level security) say yes.
     */
    default boolean failClosed() {
        return false;
    }

    /**
     * Whether what this plugin adds depends on context or time. Then re-executing a kept statement
     * ({@code keepStatement(true)}), which reuses old bind values, is refused.
     */
    default boolean readsContext() {
        return true;
    }

    /** Whether the plugin has anything to say about this table; false skips it cheaply. */
    default boolean appliesTo(TableReference table) {
        return true;
    }

    /**
     * A condition rows of this table occurrence must satisfy to be seen (SELECT) or touched
     * (UPDATE, DELETE). Qualify columns with {@link TableReference#field}.
     */
    default Optional<Condition> visibility(TableReference table, StatementKind kind, PluginContext context) {
        return Optional.empty();
    }

    /** Values to set on INSERT ({@code kind == INSERT}) or UPDATE of this table. */
    default List<Assignment> assignments(TableReference table, StatementKind kind, PluginContext context) {
        return List.of();
    }

    /**
     * Inspects a write after all assignments were applied and throws a
     * {@link dev.kysera.core.error.KyseraException} subclass to reject it. Called once per INSERT row
     * and once per UPDATE (also for the update part of an upsert).
     */
    default void check(TableReference table, Write write, PluginContext context) {
    }

    /**
     * Turns a DELETE of this table into an UPDATE that sets these values (soft delete). Empty keeps
     * the DELETE. Visibility conditions and update assignments of all plugins apply to the UPDATE.
     */
    default Optional<List<Assignment>> deleteAsUpdate(TableReference table, PluginContext context) {
        return Optional.empty();
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
