package dev.kysera.executor.internal;

import java.sql.Connection;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * The executor's connections: the connection of the transaction open on the current thread if
 * there is one, so a repository or DAL query used inside a transaction without being re-bound to
 * it still joins it — never another connection that would escape the rollback or, on SQLite,
 * wait for the transaction's own lock.
 */
final class JoiningConnectionProvider implements ConnectionProvider {

    private final ConnectionProvider delegate;
    private final ExecutorLifecycle lifecycle;

    JoiningConnectionProvider(ConnectionProvider delegate, ExecutorLifecycle lifecycle) {
        this.delegate = delegate;
        this.lifecycle = lifecycle;
    }

    @Override
    public Connection acquire() {
        TransactionState open = lifecycle.threadTransaction();
        if (open != null) {
            return open.connection();
        }
        try {
            return delegate.acquire();
        } catch (DataAccessException e) {
            // jOOQ acquires connections before any execute listener could translate the failure.
            throw lifecycle.translator().<RuntimeException>map(t -> t.translate(e)).orElse(e);
        }
    }

    /** Whether {@code connection} is the one connection of a single-connection source, which release never gives back. */
    boolean isSingle(Connection connection) {
        return delegate instanceof DefaultConnectionProvider single && single.acquire() == connection;
    }

    @Override
    public void release(Connection connection) {
        TransactionState open = lifecycle.threadTransaction();
        if (open == null || open.connection() != connection) {
            delegate.release(connection);
        }
    }
}
