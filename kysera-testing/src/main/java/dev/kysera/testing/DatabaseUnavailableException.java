package dev.kysera.testing;

/**
 * A database a {@link DatabaseTest} asked for cannot be used: it is configured but unreachable,
 * it needs configuration (MariaDB), or the library that embeds it is missing. The invocation fails;
 * it is never skipped.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The database that cannot be used; part of the serialized form. */
    private final Database database;

    /**
     * Creates the exception; the invocation that asked for {@code database} fails with it.
     *
     * @param database the database that cannot be used
     * @param message  why, and what to configure
     * @param cause    the underlying failure, or {@code null}
     */
    public DatabaseUnavailableException(Database database, String message, Throwable cause) {
        super(message, cause);
        this.database = database;
    }

    /**
     * The database that cannot be used.
     *
     * @return the database
     */
    public Database database() {
        return database;
    }
}
