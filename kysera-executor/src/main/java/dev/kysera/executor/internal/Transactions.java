package dev.kysera.executor.internal;

import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.TransactionRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.TransactionProperty;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultTransactionProvider;

/**
 * The executor's own transaction runner: begins a transaction (or a savepoint inside the one
 * open), runs the block, commits or rolls back, tells the transaction observers, runs after-commit
 * and after-rollback callbacks, and translates every failure to begin, commit or roll back.
 */
public final class Transactions {

    private static final System.Logger LOG = System.getLogger("dev.kysera.executor.transactions");

    private Transactions() {
    }

    /**
     * Runs {@code block} in a transaction of {@code scope}'s executor over {@code source}.
     *
     * @param open     the transaction to nest in as a savepoint, or null for a new one
     * @param executor builds the block's executor, bound to the transaction
     */
    public static <T, E> T run(Scope scope, Configuration source, TransactionState open, TransactionRequest request,
                               Function<Scope, E> executor, Function<E, T> block) {
        Run run = new Run(scope, open);
        Configuration base = open != null ? open.configuration() : withOwnProvider(source);
        T result;
        try {
            result = DSL.using(base).transactionResult(configuration -> {
                TransactionState state = run.begun(ExecutorConfigurations.withoutKysera(configuration), request);
                try {
                    run.afterBegin();
                    T value = block.apply(executor.apply(scope.inTransaction(state)));
                    run.beforeCommit();
                    return value;
                } finally {
                    run.end();
                }
            }, properties(request));
        } catch (RuntimeException | Error failure) {
            run.rolledBack(failure);
            if (failure instanceof DataAccessException dataAccess) {
                throw translate(scope, source, dataAccess);
            }
            throw failure;
        }
        run.committed();
        return result;
    }

    /**
     * What a transaction asks for.
     *
     * @param nested whether it nests in an open transaction, as a savepoint
     * @throws IllegalStateException    if a nested one asks for an isolation level or read-only, which a savepoint cannot change
     * @throws IllegalArgumentException for a property other than {@link Isolation} and {@link Readonly}
     */
    public static TransactionRequest request(Collection<? extends TransactionProperty> properties, boolean nested) {
        if (nested && !properties.isEmpty()) {
            throw new IllegalStateException("Isolation level and read-only can only be set on the outermost transaction, "
                    + "not on a nested one (a savepoint)");
        }
        Isolation isolation = null;
        boolean readOnly = false;
        for (TransactionProperty property : properties) {
            switch (property) {
                case Isolation level -> isolation = level;
                case Readonly mode -> readOnly = mode == Readonly.READONLY;
                default -> throw new IllegalArgumentException("Unknown transaction property " + property);
            }
        }
        return new TransactionRequest(isolation, readOnly, nested);
    }

    /**
     * One transaction (or savepoint) of an executor from its begin to its outcome: its state,
     * bound to the thread while it runs, the transaction observers and the callbacks. Whoever
     * drives the begin, commit and rollback (jOOQ's {@code transactionResult} in {@link #run}, or
     * {@link ExecutorTransactionProvider}) tells it each step. Confined to the transaction's thread.
     */
    static final class Run {
        private final Scope scope;
        private final TransactionState open;
        private final List<TransactionObserver> observers;
        private TransactionState state;
        private boolean ended;

        /**
         * @param open the transaction it nests in, or null
         * @throws dev.kysera.executor.ExecutorClosedException if the executor was closed
         * @throws dev.kysera.executor.TransactionEndedException if {@code open} has ended
         */
        Run(Scope scope, TransactionState open) {
            scope.lifecycle().requireOpen();
            if (open != null) {
                // a savepoint in a transaction that ended would run outside any transaction
                open.requireOpen();
            }
            this.scope = scope;
            this.open = open;
            this.observers = scope.roles().transactionObservers.stream().map(Registered::role).toList();
        }

        /** The transaction has begun on {@code configuration} (plain jOOQ, bound to its connection): its state, bound to the thread. */
        TransactionState begun(Configuration configuration, TransactionRequest request) {
            ExecutorLifecycle lifecycle = scope.lifecycle();
            state = open == null
                    ? new TransactionState(lifecycle.nextTransactionId(), 0, configuration, scope, request.isolation(), request.readOnly(), false)
                    : open.child(configuration, scope);
            if (open == null) {
                lifecycle.bindThread(state);
            }
            LOG.log(Level.DEBUG, "begin {0}", state);
            return state;
        }

        void afterBegin() {
            observers.forEach(o -> o.afterBegin(state));
        }

        void beforeCommit() {
            observers.forEach(o -> o.beforeCommit(state));
        }

        /** The block is over, whatever its outcome: the transaction's executor refuses work from now on. */
        void end() {
            if (state != null && !ended) {
                ended = true;
                state.end();
                if (open == null) {
                    scope.lifecycle().unbindThread();
                }
            }
        }

        void committed() {
            LOG.log(Level.DEBUG, "committed {0}", state);
            observers.forEach(o -> safely(() -> o.afterCommit(state)));
            if (open != null) {
                state.mergeInto(open);
            } else {
                runAll(state.afterCommitCallbacks());
            }
        }

        /** Rolled back (or never begun, when there is no state yet: then there is nothing to tell). */
        void rolledBack(Throwable failure) {
            if (state != null) {
                LOG.log(Level.DEBUG, "rolled back {0}: {1}", state, failure);
                observers.forEach(o -> safely(() -> o.afterRollback(state, failure)));
                runAll(state.afterRollbackCallbacks());
            }
        }
    }

    /**
     * A top-level transaction begins through {@link OneTransaction} where the configuration has
     * jOOQ's default provider (which asks the database for the isolation level on every begin); a
     * provider someone configured (Spring's, a test's) is kept. Savepoints nest in the open
     * transaction's configuration, so they reach the same provider.
     */
    static Configuration withOwnProvider(Configuration source) {
        return source.transactionProvider() instanceof DefaultTransactionProvider
                ? source.derive(new OneTransaction(source.connectionProvider()))
                : source;
    }

    static RuntimeException translate(Scope scope, Configuration source, DataAccessException failure) {
        return scope.lifecycle().translator().<RuntimeException>map(t -> t.translate(failure, source.dialect())).orElse(failure);
    }

    private static TransactionProperty[] properties(TransactionRequest request) {
        List<TransactionProperty> properties = new ArrayList<>(2);
        request.isolationLevel().ifPresent(properties::add);
        if (request.readOnly()) {
            properties.add(Readonly.READONLY);
        }
        return properties.toArray(TransactionProperty[]::new);
    }

    /** Callbacks run after the outcome is final: one that fails is logged and the others still run. */
    private static void runAll(List<Runnable> callbacks) {
        callbacks.forEach(Transactions::safely);
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A transaction callback failed after the transaction ended; the outcome stands", e);
        }
    }
}
