package dev.kysera.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditLog#restore} (or {@link AuditHistory#restore}) wrote, and the row as it is now.
 *
 * @param <R> the row type: a jOOQ record from {@link AuditLog}, the repository's type from {@link AuditHistory}
 */
public final class AuditRestore<R> {

    private final AuditOperation operation;
    private final R row;

    /**
     * Describes a restore.
     *
     * @param operation {@link AuditOperation#UPDATE} or {@link AuditOperation#INSERT}
     * @param row       the restored row as the executor reads it after the write, or null if it cannot see it
     * @throws IllegalArgumentException if {@code operation} is neither UPDATE nor INSERT
     * @throws NullPointerException     for a null operation
     */
    public AuditRestore(AuditOperation operation, R row) {
        Objects.requireNonNull(operation, "operation");
        if (operation != AuditOperation.UPDATE && operation != AuditOperation.INSERT) {
            throw new IllegalArgumentException("A restore writes an UPDATE or an INSERT, not " + operation);
        }
        this.operation = operation;
        this.row = row;
    }

    /**
     * What the restore wrote.
     *
     * @return {@link AuditOperation#UPDATE} if the row existed, {@link AuditOperation#INSERT} if it was re-created
     */
    public AuditOperation operation() {
        return operation;
    }

    /**
     * The restored row, read back by key in the restore's transaction through the same executor — empty
     * when that executor cannot see it as restored (a version that was soft-deleted, read through an
     * executor that hides deleted rows; a row that row-level security hides after the write).
     *
     * @return the restored row, or empty
     */
    public Optional<R> row() {
        return Optional.ofNullable(row);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditRestore<?> that && operation == that.operation && Objects.equals(row, that.row);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, row);
    }

    @Override
    public String toString() {
        return "AuditRestore[" + operation + ", " + row + "]";
    }
}
