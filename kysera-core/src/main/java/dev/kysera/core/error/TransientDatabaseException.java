package dev.kysera.core.error;

import java.util.Objects;

/**
 * A database error that may go away if the same work is retried unchanged, usually as a whole new
 * transaction: see {@link Kind}. {@link #isTransient()} is true, so retry policies need not know
 * the kinds.
 */
public class TransientDatabaseException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of every transient database error: {@value}; {@link #kind()} tells them apart. */
    public static final String CODE = "TRANSIENT_DATABASE_ERROR";

    /** Why the operation failed. */
    public enum Kind {
        /** A concurrent transaction changed what this one read or wrote (SQLState 40001, SQL Server 3960, H2 90131). */
        SERIALIZATION_FAILURE("could not serialize access because of a concurrent transaction; retry the transaction"),
        /** This transaction was chosen as a deadlock victim and rolled back (PG 40P01, MySQL 1213, SQL Server 1205, H2 40001). */
        DEADLOCK("deadlock detected; this transaction was rolled back, retry it"),
        /** Waiting for a lock took too long (PG 55P03, MySQL 1205, SQL Server 1222, H2 50200). */
        LOCK_TIMEOUT("timed out waiting for a lock"),
        /** The connection could not be opened or broke (SQLState class 08, PG 57P01, MySQL 2006/2013). */
        CONNECTION_LOST("the database connection failed or was lost"),
        /** The database refused the work for now: SQLite busy/locked, too many connections, starting up. */
        DATABASE_BUSY("the database is busy or locked");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /**
         * A short description for messages.
         *
         * @return the description, in lower case
         */
        public String description() {
            return description;
        }
    }

    /** Why the operation failed, serialized with the exception. */
    private final Kind kind;

    /**
     * Creates the exception; the message is the kind and its description.
     *
     * @param kind    why the operation failed, not null
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     * @throws NullPointerException if {@code kind} is null
     */
    public TransientDatabaseException(Kind kind, DatabaseErrorDetails details, Throwable cause) {
        super(CODE, Objects.requireNonNull(kind, "kind") + ": " + kind.description(), details, cause);
        this.kind = kind;
    }

    /**
     * Why the operation failed.
     *
     * @return the kind, never null
     */
    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
