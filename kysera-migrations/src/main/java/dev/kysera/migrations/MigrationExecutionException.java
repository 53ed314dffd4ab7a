package dev.kysera.migrations;

/**
 * A migration failed while running; the cause is what it threw (database errors translated into
 * Kysera's exceptions). {@link #isPartiallyApplied()} says whether its changes may remain: false
 * when it ran in a transaction that was rolled back (PostgreSQL, SQLite), true where DDL commits
 * implicitly (MariaDB/MySQL, H2) or the migration was not transactional — the history then holds
 * its row with {@code success = false} and later runs refuse with {@link PendingRepairException}.
 */
public class MigrationExecutionException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "MIGRATION_FAILED";

    private final MigrationVersion version;
    private final Direction direction;
    private final boolean partiallyApplied;

    public MigrationExecutionException(String message, MigrationVersion version, Direction direction,
            boolean partiallyApplied, Throwable cause) {
        super(CODE, message, cause);
        this.version = version;
        this.direction = direction;
        this.partiallyApplied = partiallyApplied;
    }

    /** The migration that failed. */
    public MigrationVersion version() {
        return version;
    }

    /** Whether it failed going up or down. */
    public Direction direction() {
        return direction;
    }

    /** Whether part of the migration may have been applied (see the class comment). */
    public boolean isPartiallyApplied() {
        return partiallyApplied;
    }
}
