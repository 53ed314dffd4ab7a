package dev.kysera.executor.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ConnectionProvider;

/**
 * Prepared statements of statement shapes kept for reuse on SQLite (sqlite-jdbc prepares every
 * statement afresh; PostgreSQL's driver prepares on the server by itself): only for the one
 * connection of an executor built over a single connection, which the executor never releases
 * (jOOQ's {@code DefaultConnectionProvider}, also as the connection of a transaction of such an
 * executor). A statement is lent to one call at a time, never shared between threads; at most
 * {@value #CAPACITY} are kept, least recently used closed first, and all are closed when the
 * executor closes or another connection takes the place of the one they belong to.
 */
final class ShapeStatements {

    private static final int CAPACITY = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);
    private Connection connection;
    private boolean closed;

    /**
     * This cache if statements of {@code acquired} may be kept: the executor's own single
     * connection (or the connection they were kept for, acquired through a transaction), else null.
     */
    ShapeStatements forConnection(ConnectionProvider provider, Connection acquired) {
        if (provider instanceof JoiningConnectionProvider joining && joining.isSingle(acquired)) {
            return this;
        }
        lock.lock();
        try {
            return acquired == connection && !closed ? this : null;
        } finally {
            lock.unlock();
        }
    }

    /** The idle statement for {@code sql} on {@code on}, taken out while in use; null if none. */
    PreparedStatement borrow(Connection on, String sql) {
        List<PreparedStatement> stale = List.of();
        PreparedStatement statement;
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            if (on != connection) {
                stale = new ArrayList<>(idle.values());
                idle.clear();
                connection = on;
            }
            statement = idle.remove(sql);
        } finally {
            lock.unlock();
        }
        closeAll(stale);
        return statement;
    }

    /** Keeps a statement that ran cleanly for the next call, closing what no longer fits. */
    void giveBack(Connection on, String sql, PreparedStatement statement) {
        List<PreparedStatement> surplus = new ArrayList<>(1);
        lock.lock();
        try {
            if (closed || on != connection) {
                surplus.add(statement);
            } else {
                PreparedStatement previous = idle.put(sql, statement);
                if (previous != null) {
                    surplus.add(previous);
                }
                Iterator<Map.Entry<String, PreparedStatement>> eldest = idle.entrySet().iterator();
                while (idle.size() > CAPACITY) {
                    surplus.add(eldest.next().getValue());
                    eldest.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        closeAll(surplus);
    }

    /** Closes every kept statement; none are kept afterwards. */
    void close() {
        List<PreparedStatement> all;
        lock.lock();
        try {
            closed = true;
            all = new ArrayList<>(idle.values());
            idle.clear();
            connection = null;
        } finally {
            lock.unlock();
        }
        closeAll(all);
    }

    /** How many statements are kept (for tests). */
    int size() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    private static void closeAll(List<PreparedStatement> statements) {
        statements.forEach(ShapeStatements::closeQuietly);
    }

    static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // A statement of a broken connection: nothing else to release.
        }
    }
}
