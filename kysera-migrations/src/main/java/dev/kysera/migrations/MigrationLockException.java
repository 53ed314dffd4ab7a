package dev.kysera.migrations;

import java.time.Duration;

/**
 * Another runner held the migration lock longer than the configured
 * {@linkplain MigrationConfig#lockTimeout() lock timeout}. Nothing was changed. Transient: trying
 * again later may succeed.
 */
public class MigrationLockException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "MIGRATION_LOCK_TIMEOUT";

    private final Duration waited;

    public MigrationLockException(String message, Duration waited, Throwable cause) {
        super(CODE, message, cause);
        this.waited = waited;
    }

    /** How long this runner waited before giving up. */
    public Duration waited() {
        return waited;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
