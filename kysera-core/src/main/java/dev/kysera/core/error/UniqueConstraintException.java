package dev.kysera.core.error;

/**
 * A row would duplicate a key of a unique constraint, unique index or primary key. Thrown (after
 * translation) for PostgreSQL/H2 SQLState 23505, MySQL/MariaDB 1062/1586/1022, SQLite
 * {@code SQLITE_CONSTRAINT_UNIQUE}/{@code _PRIMARYKEY}, SQL Server 2627/2601.
 */
public class UniqueConstraintException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of a unique constraint violation: {@value}. */
    public static final String CODE = "UNIQUE_VIOLATION";

    /**
     * Creates the exception; the message names whatever constraint, table and columns are known.
     *
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public UniqueConstraintException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, constraintMessage("UNIQUE", details), details, cause);
    }
}
