package dev.kysera.core.error;

/**
 * The statement was cancelled before it finished: a statement timeout, a JDBC query timeout or an
 * explicit cancel/kill (PG 57014, MySQL 1317/3024, MariaDB 1969, H2 57014, SQLite interrupt). Not
 * {@linkplain #isTransient() transient}: a statement that hit its time limit will usually hit it
 * again, and an explicit cancel was somebody's decision. Lock waits that time out are
 * {@link TransientDatabaseException} with kind LOCK_TIMEOUT instead.
 */
public class QueryCancelledException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The error code of a cancelled statement: {@value}. */
    public static final String CODE = "QUERY_CANCELLED";

    /**
     * Creates the exception with a fixed message (the details hold what the database said).
     *
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public QueryCancelledException(DatabaseErrorDetails details, Throwable cause) {
        super(CODE, "Statement cancelled (timeout or cancel request)", details, cause);
    }
}
