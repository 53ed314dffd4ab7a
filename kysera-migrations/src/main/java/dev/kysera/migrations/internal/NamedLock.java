package dev.kysera.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** MariaDB/MySQL: {@code GET_LOCK}, a session-level named lock scoped to the database and history table. */
final class NamedLock extends DatabaseLock {

    private final String historyTable;
    private String name;

    NamedLock(String historyTable) {
        this.historyTable = historyTable;
    }

    @Override
    void acquire(Connection connection, Deadline deadline) throws SQLException {
        // lock names are server-wide and at most 64 characters: a digest of database and table
        name = "kysera_migrations_" + hex(digest(Sql.queryString(connection, "select database()") + "." + historyTable), 16);
        double seconds = Math.max(0.001, deadline.remaining().toMillis() / 1000.0);
        Integer got = Sql.queryInteger(connection, "select get_lock(?, ?)", name, seconds);
        if (got == null || got != 1) {
            throw timeout(deadline, "GET_LOCK('" + name + "'); see IS_USED_LOCK('" + name + "') for the holder's connection id", null);
        }
    }

    @Override
    void release(Connection connection) throws SQLException {
        Sql.queryInteger(connection, "select release_lock(?)", name);
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }
}
