package dev.kysera.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQLite: no session lock; each migration's transaction starts with {@code BEGIN IMMEDIATE},
 * which takes the database's write lock (waiting up to the deadline through {@code busy_timeout})
 * and loses it when the transaction or the connection ends.
 */
final class SqliteLock extends DatabaseLock {

    private static final int SQLITE_BUSY = 5;

    private Integer previousBusyTimeout;

    @Override
    void acquire(Connection connection, Deadline deadline) throws SQLException {
        previousBusyTimeout = Sql.queryInteger(connection, "pragma busy_timeout");
        setBusyTimeout(connection, Math.max(1, deadline.remaining().toMillis()));
    }

    @Override
    void release(Connection connection) throws SQLException {
        if (previousBusyTimeout != null) {
            setBusyTimeout(connection, previousBusyTimeout);
        }
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    @Override
    void begin(Connection connection, Deadline wait) throws SQLException {
        setBusyTimeout(connection, Math.max(1, wait.remaining().toMillis()));
        try {
            Sql.execute(connection, "begin immediate");
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
                throw timeout(wait, "the SQLite database's write lock (BEGIN IMMEDIATE)", e);
            }
            throw e;
        }
    }

    @Override
    void commit(Connection connection) throws SQLException {
        Sql.execute(connection, "commit");
    }

    @Override
    void rollback(Connection connection) throws SQLException {
        Sql.execute(connection, "rollback");
    }

    private static void setBusyTimeout(Connection connection, long millis) throws SQLException {
        Sql.execute(connection, "pragma busy_timeout = " + millis);
    }
}
