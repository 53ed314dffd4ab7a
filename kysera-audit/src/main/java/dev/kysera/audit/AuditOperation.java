package dev.kysera.audit;

/** What happened to a row, as stored in the {@code operation} column. */
public enum AuditOperation {
    /** The row was inserted (also the insert branch of an upsert). */
    INSERT,
    /** The row was updated (also the update branch of an upsert). */
    UPDATE,
    /** The row was removed from the table. */
    DELETE,
    /** A DELETE that a plugin (soft delete) turned into an UPDATE marking the row deleted. */
    SOFT_DELETE
}
