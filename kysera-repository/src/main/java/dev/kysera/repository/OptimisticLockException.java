package dev.kysera.repository;

import dev.kysera.core.error.KyseraException;

/**
 * An update carried a stale version: someone else changed the row since it was read. Re-read the
 * row and apply the change again.
 */
public class OptimisticLockException extends KyseraException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "OPTIMISTIC_LOCK_CONFLICT";

    private final transient Object id;
    private final long expectedVersion;

    public OptimisticLockException(String table, Object id, long expectedVersion) {
        super(CODE, "Row " + id + " of " + table + " is no longer at version " + expectedVersion
                + "; it was changed concurrently");
        this.id = id;
        this.expectedVersion = expectedVersion;
    }

    public Object id() {
        return id;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
