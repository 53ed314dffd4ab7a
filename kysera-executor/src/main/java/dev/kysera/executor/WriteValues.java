package dev.kysera.executor;

import java.util.List;

/**
 * Role: values a plugin writes itself (timestamps, the current tenant). Called while a statement is
 * planned for every INSERT (each row, INSERT … SELECT, the insert part of an upsert) and UPDATE
 * (also the update part of an upsert) of a table the plugin applies to. Must be a pure function of
 * its arguments; context and time come from {@link PluginContext}.
 */
@FunctionalInterface
public interface WriteValues {

    /** Values to write for {@link Operation#INSERT} or {@link Operation#UPDATE}; empty for none. */
    List<Assignment> values(TableReference table, Operation operation, PluginContext context);
}
