package dev.kysera.migrations;

import java.util.List;

/**
 * The history table and the code disagree: an applied migration is missing from the code (code
 * {@value #CODE}); subclasses for edited migrations ({@link ChecksumMismatchException}) and failed
 * ones ({@link PendingRepairException}). {@code up} and {@code down} check this before running.
 */
public class MigrationValidationException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "MIGRATION_VALIDATION";

    private final List<MigrationVersion> versions;

    public MigrationValidationException(String message, List<MigrationVersion> versions) {
        this(CODE, message, versions);
    }

    protected MigrationValidationException(String code, String message, List<MigrationVersion> versions) {
        super(code, message, null);
        this.versions = List.copyOf(versions);
    }

    /** The versions the problem concerns, in version order. */
    public List<MigrationVersion> versions() {
        return versions;
    }
}
