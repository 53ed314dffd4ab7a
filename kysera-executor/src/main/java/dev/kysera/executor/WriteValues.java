package dev.kysera.executor;

import java.util.List;

/**
 * Role: values a plugin writes itself (timestamps, the current tenant). Called while a statement is
 * planned for every INSERT (each row, INSERT … SELECT, the insert part of an upsert) and UPDATE
 * (also the update part of an upsert) of a table the plugin applies to. Must be a pure function of
 * its arguments, free of side effects; context comes from {@link PluginContext}, read now, and
 * time from the plugin's own clock. It is called again on every execution (a cached plan too), so
 * its values are always this execution's.
 */
@FunctionalInterface
public interface WriteValues {

    /**
     * The values this plugin writes on one statement's target.
     *
     * @param table     the written occurrence
     * @param operation {@link Operation#INSERT} or {@link Operation#UPDATE}
     * @param context   the context the statement is planned with
     * @return the assignments; empty for none. On a column several roles set, the first role's
     *         value wins; the caller's own value wins unless the assignment is {@linkplain Assignment#forced forced}
     */
    List<Assignment> values(TableReference table, Operation operation, PluginContext context);
}
