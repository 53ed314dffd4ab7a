package dev.kysera.migrations;

import dev.kysera.core.error.KyseraException;

/**
 * Root of the migrator's exceptions (code {@value #CODE} for failures that fit no subclass, such as
 * a database error while reading the history). Subclasses: {@link InvalidMigrationException},
 * {@link MigrationPlanException}, {@link MigrationValidationException} (with
 * {@link ChecksumMismatchException} and {@link PendingRepairException}),
 * {@link MigrationExecutionException} and {@link MigrationLockException}.
 */
public class MigrationException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of failures that fit no subclass, {@value}.
     */
    public static final String CODE = "MIGRATION_ERROR";

    /**
     * Creates a migration failure that fits no subclass.
     *
     * @param message what went wrong
     * @param cause   the underlying failure, or {@code null}
     */
    public MigrationException(String message, Throwable cause) {
        super(CODE, message, cause);
    }

    /**
     * Creates a failure with a subclass's code.
     *
     * @param code    the subclass's stable error code
     * @param message what went wrong
     * @param cause   the underlying failure, or {@code null}
     */
    protected MigrationException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
