package dev.kysera.core.error;

import java.util.Optional;

/**
 * A foreign key was violated: a child row points to a missing parent, or a parent row that still
 * has children was deleted or re-keyed. {@link #table()} is the referencing (child) table and
 * {@link #referencedTable()} the parent, when the database names them. Thrown (after translation)
 * for SQLState 23503 (H2 also 23506), MySQL/MariaDB 1451/1452/1216/1217, SQLite
 * {@code SQLITE_CONSTRAINT_FOREIGNKEY}, SQL Server 547 with a FOREIGN KEY or REFERENCE constraint.
 */
public class ForeignKeyException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of a foreign key violation: {@value}. */
    public static final String CODE = "FOREIGN_KEY_VIOLATION";

    /**
     * Creates the exception; the message names whatever constraint, table and columns are known.
     *
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public ForeignKeyException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, message(details), details, cause);
    }

    /**
     * The parent table the foreign key points to, if the database named it.
     *
     * @return the referenced table, or empty
     */
    public Optional<String> referencedTable() {
        return details().names().referencedTable();
    }

    private static String message(DatabaseErrorDetails details) {
        String base = constraintMessage("FOREIGN KEY", details);
        return details == null ? base
                : details.names().referencedTable().map(t -> base + " referencing " + t).orElse(base);
    }
}
