package dev.kysera.executor;

/**
 * Role: changes what kind of statement runs against a table, or refuses it. Called while a statement
 * is planned for each DML target the plugin applies to (INSERT, UPDATE and DELETE targets). Soft
 * delete turns a DELETE into an UPDATE; an audit log refuses UPDATE and DELETE of its own table.
 */
@FunctionalInterface
public interface StatementTransform {

    /** What to do with this write of {@code target}. */
    Transform transform(TableReference target, Operation operation, PluginContext context);
}
