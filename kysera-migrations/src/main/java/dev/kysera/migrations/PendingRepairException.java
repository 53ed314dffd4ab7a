package dev.kysera.migrations;

import java.util.List;

/**
 * The history records a migration with {@code success = false}: it failed (or its runner died)
 * on a database whose DDL commits implicitly, so part of it may have been applied. {@code up} and
 * {@code down} refuse to continue. Bring the schema back to the state before that migration by
 * hand, then run {@link Migrator#repair()}, which removes the failed rows.
 */
public class PendingRepairException extends MigrationValidationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_NEEDS_REPAIR";

    /**
     * Creates the exception.
     *
     * @param message  what failed, and what to do
     * @param versions the migrations recorded as failed; copied
     */
    public PendingRepairException(String message, List<MigrationVersion> versions) {
        super(CODE, message, versions);
    }
}
