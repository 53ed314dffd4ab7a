package dev.kysera.migrations;

import java.util.List;

/**
 * An applied migration was edited: its checksum now differs from the one recorded when it ran.
 * Revert the edit, or — if the edit is deliberate and the database already matches it — run
 * {@link Migrator#repair()} to record the new checksums.
 */
public class ChecksumMismatchException extends MigrationValidationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_CHECKSUM_MISMATCH";

    /**
     * Creates the exception.
     *
     * @param message  what differs, naming the migrations
     * @param versions the edited migrations; copied
     */
    public ChecksumMismatchException(String message, List<MigrationVersion> versions) {
        super(CODE, message, versions);
    }
}
