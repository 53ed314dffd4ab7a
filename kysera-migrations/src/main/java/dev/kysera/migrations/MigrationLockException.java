package dev.kysera.migrations;

import java.time.Duration;

/**
 * Another runner held the migration lock longer than the configured
 * {@linkplain MigrationConfig#lockTimeout() lock timeout}. Nothing was changed. Transient: trying
 * again later may succeed.
 */
public class MigrationLockException extends MigrationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_LOCK_TIMEOUT";

    /**
     * How long this runner waited before giving up.
     */
    private final Duration waited;

    /**
     * Creates the exception.
     *
     * @param message what timed out
     * @param waited  how long this runner waited
     * @param cause   the database's lock failure, or {@code null}
     */
    public MigrationLockException(String message, Duration waited, Throwable cause) {
        super(CODE, message, cause);
        this.waited = waited;
    }

    /**
     * How long this runner waited before giving up.
     *
     * @return the time waited
     */
    public Duration waited() {
        return waited;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
