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

    public static final String CODE = "MIGRATION_NEEDS_REPAIR";

    public PendingRepairException(String message, List<MigrationVersion> versions) {
        super(CODE, message, versions);
    }
}
