package dev.kysera.migrations;

import java.util.List;

/**
 * The history table and the code disagree: an applied migration is missing from the code (code
 * {@value #CODE}); subclasses for edited migrations ({@link ChecksumMismatchException}) and failed
 * ones ({@link PendingRepairException}). {@code up} and {@code down} check this before running.
 */
public class MigrationValidationException extends MigrationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_VALIDATION";

    /**
     * The versions the problem concerns.
     */
    private final List<MigrationVersion> versions;

    /**
     * Creates the exception for applied migrations missing from the code.
     *
     * @param message  what disagrees
     * @param versions the applied migrations missing from the code; copied
     */
    public MigrationValidationException(String message, List<MigrationVersion> versions) {
        this(CODE, message, versions);
    }

    /**
     * Creates a validation failure with a subclass's code.
     *
     * @param code     the subclass's stable error code
     * @param message  what disagrees
     * @param versions the versions concerned; copied
     */
    protected MigrationValidationException(String code, String message, List<MigrationVersion> versions) {
        super(code, message, null);
        this.versions = List.copyOf(versions);
    }

    /**
     * The versions the problem concerns, in version order.
     *
     * @return an immutable list, in version order
     */
    public List<MigrationVersion> versions() {
        return versions;
    }
}
