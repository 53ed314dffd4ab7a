package dev.kysera.executor.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jooq.ConnectionProvider;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.TransactionContext;
import org.jooq.TransactionProperty;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Begins and ends one top-level transaction of the executor, and its savepoints, with no round trip
 * beyond the transaction's own. jOOQ's {@code DefaultTransactionProvider} reads the connection's
 * isolation level on every begin to restore it at the end, whether or not an isolation level was
 * asked for, and pgjdbc and MariaDB Connector/J answer that with a query
 * ({@code SHOW TRANSACTION ISOLATION LEVEL}, {@code SELECT @@tx_isolation}). Here the isolation
 * level and the read-only flag are read, to be restored, only when the transaction changes them.
 * Confined to the thread running the transaction, as the transaction is; one instance per
 * top-level transaction.
 */
final class OneTransaction implements TransactionProvider {

    /** A savepoint and the nested transaction that set it. */
    private record Nested(TransactionContext transaction, Savepoint savepoint) {
    }

    private final ConnectionProvider connections;
    private final Deque<Nested> savepoints = new ArrayDeque<>();
    private TransactionContext topLevel;
    private Connection connection;
    private boolean restoreAutoCommit;
    private boolean restoreReadWrite;
    private Integer restoreIsolation;

    OneTransaction(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public void begin(TransactionContext ctx) {
        if (connection == null) {
            Connection acquired = connections.acquire();
            try {
                start(acquired, ctx.properties());
            } catch (SQLException | RuntimeException e) {
                connections.release(acquired);
                throw e instanceof SQLException sql ? new DataAccessException("Cannot begin transaction", sql) : (RuntimeException) e;
            }
            connection = acquired;
            topLevel = ctx;
        } else {
            try {
                savepoints.push(new Nested(ctx, connection.setSavepoint()));
            } catch (SQLException e) {
                throw new DataAccessException("Cannot set savepoint", e);
            }
        }
        ctx.configuration().set(new DefaultConnectionProvider(connection));
    }

    /** Read-only and isolation first: drivers refuse to change them inside a transaction. */
    private void start(Connection acquired, Set<TransactionProperty> properties) throws SQLException {
        if (properties.contains(Readonly.READONLY) && !acquired.isReadOnly()) {
            acquired.setReadOnly(true);
            restoreReadWrite = true;
        }
        for (TransactionProperty property : properties) {
            if (property instanceof Isolation isolation) {
                int level = level(isolation);
                int previous = acquired.getTransactionIsolation();
                if (previous != level) {
                    acquired.setTransactionIsolation(level);
                    restoreIsolation = previous;
                }
            }
        }
        if (acquired.getAutoCommit()) {
            acquired.setAutoCommit(false);
            restoreAutoCommit = true;
        }
    }

    private static int level(Isolation isolation) {
        return switch (isolation) {
            case READ_UNCOMMITTED -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
            case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
            case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
        };
    }

    /** Whether {@code ctx} is the innermost open savepoint's transaction. */
    private boolean innermost(TransactionContext ctx) {
        return !savepoints.isEmpty() && savepoints.peek().transaction() == ctx;
    }

    @Override
    public void commit(TransactionContext ctx) {
        if (innermost(ctx)) {
            Savepoint savepoint = savepoints.pop().savepoint();
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                throw new DataAccessException("Cannot release savepoint", e);
            }
            return;
        }
        if (ctx != topLevel) {
            throw new IllegalStateException("Commit of a transaction that is not open: " + ctx);
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            // jOOQ rolls back next, which ends the transaction and gives the connection back
            throw new DataAccessException("Cannot commit transaction", e);
        }
        end();
    }

    /** Also called for a transaction whose begin failed: then there is nothing to roll back. */
    @Override
    public void rollback(TransactionContext ctx) {
        if (innermost(ctx)) {
            Savepoint savepoint = savepoints.pop().savepoint();
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new DataAccessException("Cannot rollback transaction", e);
            }
            return;
        }
        if (ctx != topLevel || connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot rollback transaction", e);
        } finally {
            end();
        }
    }

    /** Puts back what begin changed and gives the connection back, even if putting back fails. */
    private void end() {
        Connection ended = connection;
        connection = null;
        topLevel = null;
        try {
            if (restoreAutoCommit) {
                ended.setAutoCommit(true);
            }
            if (restoreIsolation != null) {
                ended.setTransactionIsolation(restoreIsolation);
            }
            if (restoreReadWrite) {
                ended.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot restore the connection after the transaction", e);
        } finally {
            connections.release(ended);
        }
    }
}
