package dev.kysera.repository;

import dev.kysera.core.error.KyseraException;

/**
 * An update carried a stale version: someone else changed the row since it was read. Re-read the
 * row and apply the change again.
 */
public class OptimisticLockException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "OPTIMISTIC_LOCK_CONFLICT";

    /**
     * The row's id; transient because an id need not be serializable.
     */
    private final transient Object id;
    /**
     * The version the write expected.
     */
    private final long expectedVersion;

    /**
     * Creates the exception for one row.
     *
     * @param table           the table's name, as shown in the message
     * @param id              the row's id
     * @param expectedVersion the version the caller expected
     */
    public OptimisticLockException(String table, Object id, long expectedVersion) {
        super(CODE, "Row " + id + " of " + table + " is no longer at version " + expectedVersion
                + "; it was changed concurrently");
        this.id = id;
        this.expectedVersion = expectedVersion;
    }

    /**
     * The id of the row that was changed concurrently.
     *
     * @return the id, or {@code null} after deserialization (the id is not serialized)
     */
    public Object id() {
        return id;
    }

    /**
     * The version the write expected; the row is at another one.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }
}
