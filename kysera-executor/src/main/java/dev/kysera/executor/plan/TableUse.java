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
 * @param lock      the row lock a SELECT takes on its rows ({@link RowLock#NONE} unless a locking clause covers it)
 */
public record TableUse(TableReference table, TableRole role, Operation operation, RowLock lock) {

    /**
     * An occurrence whose rows are not locked.
     *
     * @param table     which table, and how the statement refers to it
     * @param role      where it sits
     * @param operation what the statement does with its rows
     */
    public TableUse(TableReference table, TableRole role, Operation operation) {
        this(table, role, operation, RowLock.NONE);
    }

    /**
     * Validates the occurrence.
     *
     * @throws NullPointerException if a component is null
     */
    public TableUse {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(lock, "lock");
    }

    /**
     * Whether the statement locks the rows it reads from this occurrence.
     *
     * @return true unless {@link #lock()} is {@link RowLock#NONE}
     */
    public boolean locked() {
        return lock != RowLock.NONE;
    }
}
