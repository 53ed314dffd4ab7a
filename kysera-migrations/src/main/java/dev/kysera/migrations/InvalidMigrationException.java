package dev.kysera.migrations;

/**
 * The migrations themselves are wrong: two with the same version, a malformed SQL file (the message
 * names file and line), a SQL file whose name does not follow {@code V<version>__<name>.sql}, a
 * blank name. Nothing was run.
 */
public class InvalidMigrationException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "MIGRATION_INVALID";

    public InvalidMigrationException(String message) {
        super(CODE, message, null);
    }

    public InvalidMigrationException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
