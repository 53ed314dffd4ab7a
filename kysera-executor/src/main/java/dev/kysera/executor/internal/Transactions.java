package dev.kysera.executor.internal;

import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.TransactionRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Configuration;
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
        ExecutorLifecycle lifecycle = scope.lifecycle();
        lifecycle.requireOpen();
        if (open != null) {
            // a savepoint in a transaction that ended would run outside any transaction
            open.requireOpen();
        }
        List<TransactionObserver> observers = scope.roles().transactionObservers.stream().map(Registered::role).toList();
        Configuration base = open != null ? open.configuration() : withOwnProvider(source);
        TransactionState[] started = new TransactionState[1];
        T result;
        try {
            result = DSL.using(base).transactionResult(configuration -> {
                TransactionState state = open == null
                        ? new TransactionState(lifecycle.nextTransactionId(), 0, ExecutorConfigurations.withoutKysera(configuration), scope,
                                request.isolation(), request.readOnly(), false)
                        : open.child(ExecutorConfigurations.withoutKysera(configuration), scope);
                started[0] = state;
                if (open == null) {
                    lifecycle.bindThread(state);
                }
                try {
                    LOG.log(Level.DEBUG, "begin {0}", state);
                    observers.forEach(o -> o.afterBegin(state));
                    T value = block.apply(executor.apply(scope.inTransaction(state)));
                    observers.forEach(o -> o.beforeCommit(state));
                    return value;
                } finally {
                    state.end();
                    if (open == null) {
                        lifecycle.unbindThread();
                    }
                }
            }, properties(request));
        } catch (RuntimeException | Error failure) {
            TransactionState state = started[0];
            if (state != null) {
                LOG.log(Level.DEBUG, "rolled back {0}: {1}", state, failure);
                observers.forEach(o -> safely(() -> o.afterRollback(state, failure)));
                runAll(state.afterRollbackCallbacks());
            }
            if (failure instanceof DataAccessException dataAccess) {
                throw translate(scope, source, dataAccess);
            }
            throw failure;
        }
        TransactionState state = started[0];
        LOG.log(Level.DEBUG, "committed {0}", state);
        observers.forEach(o -> safely(() -> o.afterCommit(state)));
        if (open != null) {
            state.mergeInto(open);
        } else {
            runAll(state.afterCommitCallbacks());
        }
        return result;
    }

    /**
     * A top-level transaction begins through {@link OneTransaction} where the configuration has
     * jOOQ's default provider (which asks the database for the isolation level on every begin); a
     * provider someone configured (Spring's, a test's) is kept. Savepoints nest in the open
     * transaction's configuration, so they reach the same provider.
     */
    private static Configuration withOwnProvider(Configuration source) {
        return source.transactionProvider() instanceof DefaultTransactionProvider
                ? source.derive(new OneTransaction(source.connectionProvider()))
                : source;
    }

    private static RuntimeException translate(Scope scope, Configuration source, DataAccessException failure) {
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
