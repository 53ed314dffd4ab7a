package dev.kysera.core.error;

/**
 * A row failed a CHECK constraint. Thrown (after translation) for SQLState 23514 (H2: 23513),
 * MySQL 3819, MariaDB 4025, SQLite {@code SQLITE_CONSTRAINT_CHECK}, SQL Server 547 with a CHECK
 * constraint.
 */
public class CheckConstraintException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of a CHECK constraint violation: {@value}. */
    public static final String CODE = "CHECK_VIOLATION";

    /**
     * Creates the exception; the message names whatever constraint, table and columns are known.
     *
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public CheckConstraintException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, constraintMessage("CHECK", details), details, cause);
    }
}
