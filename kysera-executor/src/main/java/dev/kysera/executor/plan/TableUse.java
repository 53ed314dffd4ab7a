package dev.kysera.executor.plan;

import dev.kysera.executor.Operation;
import dev.kysera.executor.TableReference;
import java.util.Objects;

/**
 * One occurrence of a physical table in a statement.
 *
 * @param table     which table, and how the statement refers to it
 * @param role      where it sits
 * @param operation what the statement does with its rows (a soft-deleting UPDATE's target is a DELETE)
 */
public record TableUse(TableReference table, TableRole role, Operation operation) {

    /**
     * Validates the occurrence.
     *
     * @throws NullPointerException if a component is null
     */
    public TableUse {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(operation, "operation");
    }
}
