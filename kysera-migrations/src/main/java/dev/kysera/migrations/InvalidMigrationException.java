package dev.kysera.migrations;

/**
 * The migrations themselves are wrong: two with the same version, a malformed SQL file (the message
 * names file and line), a SQL file whose name does not follow {@code V<version>__<name>.sql}, a
 * blank name. Nothing was run.
 */
public class InvalidMigrationException extends MigrationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_INVALID";

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the migration (and file and line for SQL)
     */
    public InvalidMigrationException(String message) {
        super(CODE, message, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the migration (and file and line for SQL)
     * @param cause   the underlying failure, such as an I/O error reading a file
     */
    public InvalidMigrationException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
