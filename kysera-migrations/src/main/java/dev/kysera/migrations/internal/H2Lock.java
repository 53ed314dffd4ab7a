package dev.kysera.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * H2: a second connection holds {@code SELECT … FOR UPDATE} on the one row of
 * {@code <history>_lock} in a transaction it never commits; ending that session (or closing the
 * connection) releases it.
 */
final class H2Lock extends DatabaseLock {

    private static final int LOCK_TIMEOUT_ERROR = 50200;

    private final String lockTable;
    private final DataSource dataSource;
    private Connection lockConnection;

    H2Lock(String historyTable, DataSource dataSource) {
        this.lockTable = "\"" + historyTable + "_lock\"";
        this.dataSource = dataSource;
    }

    @Override
    void acquire(Connection connection, Deadline deadline) throws SQLException {
        lockConnection = dataSource.getConnection();
        try (Statement statement = lockConnection.createStatement()) {
            lockConnection.setAutoCommit(true);
            statement.execute("create table if not exists " + lockTable + " (id int primary key)");
            insertLockRow(statement);
            lockConnection.setAutoCommit(false);
            while (true) {
                statement.execute("set lock_timeout " + Math.max(1, Math.min(1000, deadline.remaining().toMillis())));
                try {
                    statement.executeQuery("select id from " + lockTable + " where id = 1 for update").close();
                    return;
                } catch (SQLException e) {
                    if (e.getErrorCode() != LOCK_TIMEOUT_ERROR) {
                        throw e;
                    }
                    if (deadline.passed()) {
                        throw timeout(deadline, "row 1 of " + lockTable + " FOR UPDATE", e);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Inserts the lock row if it is missing; reading never waits for the holder, and a lost race is harmless. */
    private void insertLockRow(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("select count(*) from " + lockTable + " where id = 1")) {
            if (rows.next() && rows.getInt(1) > 0) {
                return;
            }
        }
        try {
            statement.execute("insert into " + lockTable + " (id) values (1)");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Override
    void release(Connection connection) throws SQLException {
        try {
            lockConnection.rollback();
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            lockConnection.close();
        } catch (SQLException ignored) {
            // closing ends the session, which is what releases the lock
        }
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }
}
