package dev.kysera.core.error;

import java.util.Optional;

/**
 * A NULL (or a missing value with no default) went into a NOT NULL column. Thrown (after
 * translation) for SQLState 23502, MySQL/MariaDB 1048/1364/1263, SQLite
 * {@code SQLITE_CONSTRAINT_NOTNULL}, SQL Server 515.
 */
public class NotNullException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of a NOT NULL violation: {@value}. */
    public static final String CODE = "NOT_NULL_VIOLATION";

    /**
     * Creates the exception; the message names whatever constraint, table and columns are known.
     *
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public NotNullException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, constraintMessage("NOT NULL", details), details, cause);
    }

    /**
     * The column that refused the NULL, if the database named it.
     *
     * @return the column name, or empty
     */
    public Optional<String> column() {
        return columns().stream().findFirst();
    }
}
