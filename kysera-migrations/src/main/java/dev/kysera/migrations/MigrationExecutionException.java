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

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_FAILED";

    /**
     * The migration that failed.
     */
    private final MigrationVersion version;
    /**
     * Whether it failed going up or down.
     */
    private final Direction direction;
    /**
     * Whether part of the migration may have been applied.
     */
    private final boolean partiallyApplied;

    /**
     * Creates the exception.
     *
     * @param message          what failed, naming the migration
     * @param version          the migration that failed
     * @param direction        the direction it ran in
     * @param partiallyApplied whether part of it may remain applied
     * @param cause            what the migration threw
     */
    public MigrationExecutionException(String message, MigrationVersion version, Direction direction,
            boolean partiallyApplied, Throwable cause) {
        super(CODE, message, cause);
        this.version = version;
        this.direction = direction;
        this.partiallyApplied = partiallyApplied;
    }

    /**
     * The migration that failed.
     *
     * @return the failed migration's version
     */
    public MigrationVersion version() {
        return version;
    }

    /**
     * Whether it failed going up or down.
     *
     * @return the direction it ran in
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Whether part of the migration may have been applied (see the class comment).
     *
     * @return {@code true} if the schema may hold part of its changes and needs repair by hand
     */
    public boolean isPartiallyApplied() {
        return partiallyApplied;
    }
}
