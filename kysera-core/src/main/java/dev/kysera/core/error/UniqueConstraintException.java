package dev.kysera.core.error;

/**
 * A row would duplicate a key of a unique constraint, unique index or primary key. Thrown (after
 * translation) for PostgreSQL/H2 SQLState 23505, MySQL/MariaDB 1062/1586/1022, SQLite
 * {@code SQLITE_CONSTRAINT_UNIQUE}/{@code _PRIMARYKEY}, SQL Server 2627/2601.
 */
public class UniqueConstraintException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "UNIQUE_VIOLATION";

    public UniqueConstraintException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, constraintMessage("UNIQUE", details), details, cause);
    }
}
