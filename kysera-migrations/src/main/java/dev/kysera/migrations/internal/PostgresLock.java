package dev.kysera.migrations.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** PostgreSQL: a session-level advisory lock keyed by schema and history table. */
final class PostgresLock extends DatabaseLock {

    private final String historyTable;
    private long key;

    PostgresLock(String historyTable) {
        this.historyTable = historyTable;
    }

    @Override
    void acquire(Connection connection, Deadline deadline) throws SQLException {
        key = ByteBuffer.wrap(digest(Sql.queryString(connection, "select current_schema()") + "." + historyTable)).getLong();
        while (!Sql.queryBoolean(connection, "select pg_try_advisory_lock(?)", key)) {
            if (deadline.passed()) {
                throw timeout(deadline, "pg_advisory_lock(" + key + "); see pg_locks where locktype = 'advisory'", null);
            }
            deadline.pause();
        }
    }

    @Override
    void release(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            try (ResultSet ignored = statement.executeQuery()) {
                // true unless the lock was already gone with the session
            }
        }
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }
}
