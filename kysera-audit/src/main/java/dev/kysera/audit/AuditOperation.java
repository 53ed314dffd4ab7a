package dev.kysera.audit;

/** What happened to a row, as stored in the {@code operation} column. */
public enum AuditOperation {
    /** The row was inserted (also the insert branch of an upsert). */
    INSERT,
    /** The row was updated (also the update branch of an upsert). */
    UPDATE,
    /** The row was removed from the table. */
    DELETE,
    /**
     * The row was marked deleted (soft delete): a DELETE turned into an UPDATE, or an UPDATE that the
     * soft-delete plugin's own operations declared a soft delete ({@code SoftDeleteOperations.softDelete}).
     */
    SOFT_DELETE,
    /** A soft-deleted row was brought back, by an UPDATE the soft-delete plugin declared a restore. */
    RESTORE
}
