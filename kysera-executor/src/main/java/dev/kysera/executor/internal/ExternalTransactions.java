package dev.kysera.executor.internal;

import dev.kysera.executor.ExternalTransaction;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.impl.DefaultConnectionProvider;

/** Adoption of transactions whose begin and end someone else (e.g. Spring) controls. */
public final class ExternalTransactions {

    private static final System.Logger LOG = System.getLogger("dev.kysera.executor.transactions");

    private ExternalTransactions() {
    }

    /**
     * Binds a new transaction state to the current thread, on the connection {@code source} gives
     * now (the owner's transactional connection), and runs the observers' {@code afterBegin}.
     *
     * @throws IllegalStateException if a transaction of this executor is already open on the thread
     */
    public static ExternalTransaction adopt(Scope scope, Configuration source) {
        ExecutorLifecycle lifecycle = scope.lifecycle();
        lifecycle.requireOpen();
        if (lifecycle.threadTransaction() != null) {
            throw new IllegalStateException("A transaction of this executor is already open on this thread: "
                    + lifecycle.threadTransaction() + "; suspend it before adopting another one");
        }
        Connection connection = source.connectionProvider().acquire();
        Configuration bound = ExecutorConfigurations.withoutKysera(source).derive(new DefaultConnectionProvider(connection));
        TransactionState state = new TransactionState(lifecycle.nextTransactionId(), 0, bound, scope, null, false, true);
        List<TransactionObserver> observers = scope.roles().transactionObservers.stream().map(Registered::role).toList();
        lifecycle.bindThread(state);
        Adopted adopted = new Adopted(lifecycle, state, observers, source, connection);
        try {
            LOG.log(Level.DEBUG, "adopted {0}", state);
            observers.forEach(o -> o.afterBegin(state));
        } catch (RuntimeException | Error e) {
            adopted.completed(false, e);
            throw e;
        }
        return adopted;
    }

    private static final class Adopted implements ExternalTransaction {
        private final ExecutorLifecycle lifecycle;
        private final TransactionState state;
        private final List<TransactionObserver> observers;
        private final Configuration source;
        private final Connection connection;
        private boolean done;

        Adopted(ExecutorLifecycle lifecycle, TransactionState state, List<TransactionObserver> observers, Configuration source,
                Connection connection) {
            this.lifecycle = lifecycle;
            this.state = state;
            this.observers = observers;
            this.source = source;
            this.connection = connection;
        }

        @Override
        public TransactionHandle handle() {
            return state;
        }

        @Override
        public void beforeCommit() {
            observers.forEach(o -> o.beforeCommit(state));
        }

        @Override
        public void completed(boolean committed, Throwable cause) {
            if (done) {
                return;
            }
            done = true;
            state.end();
            if (lifecycle.threadTransaction() == state) {
                lifecycle.unbindThread();
            }
            try {
                source.connectionProvider().release(connection);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Releasing the connection of an adopted transaction failed", e);
            }
            Throwable reason = cause != null ? cause : new IllegalStateException("rolled back by its owner");
            LOG.log(Level.DEBUG, committed ? "committed {0}" : "rolled back {0}", state);
            for (TransactionObserver observer : observers) {
                safely(() -> {
                    if (committed) {
                        observer.afterCommit(state);
                    } else {
                        observer.afterRollback(state, reason);
                    }
                });
            }
            (committed ? state.afterCommitCallbacks() : state.afterRollbackCallbacks()).forEach(ExternalTransactions::safely);
        }

        @Override
        public void suspend() {
            if (lifecycle.threadTransaction() == state) {
                lifecycle.unbindThread();
            }
        }

        @Override
        public void resume() {
            if (!done) {
                lifecycle.bindThread(state);
            }
        }

        @Override
        public String toString() {
            return "Adopted" + state;
        }
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A transaction callback failed after the transaction ended; the outcome stands", e);
        }
    }
}
