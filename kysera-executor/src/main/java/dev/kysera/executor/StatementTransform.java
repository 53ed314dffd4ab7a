package dev.kysera.executor;

/**
 * Role: changes what kind of statement runs against a table, or refuses it. Called while a statement
 * is planned for each DML target the plugin applies to (INSERT, UPDATE and DELETE targets). Soft
 * delete turns a DELETE into an UPDATE; an audit log refuses UPDATE and DELETE of its own table.
 */
@FunctionalInterface
public interface StatementTransform {

    /**
     * Decides what to do with this write of {@code target}.
     *
     * @param target    the written occurrence
     * @param operation {@link Operation#INSERT}, {@link Operation#UPDATE} or {@link Operation#DELETE}
     * @param context   the context the statement is planned with
     * @return the decision; {@link Transform#keep()} to leave the statement alone
     */
    Transform transform(TableReference target, Operation operation, PluginContext context);
}
