package dev.kysera.executor.internal;

import dev.kysera.executor.TransactionRequest;
import java.util.Set;
import org.jooq.Configuration;
import org.jooq.TransactionContext;
import org.jooq.TransactionProperty;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The transaction provider of an executor's jOOQ configuration, so that jOOQ's own
 * {@code transaction(…)} called on {@code executor.dsl()} (or on any context over its
 * configuration, a transaction block's {@code c.dsl()} included) is a transaction of the
 * executor: it begins through {@link OneTransaction} (no isolation-level read), or a savepoint
 * of the executor's transaction open on the thread, statements inside join it, transaction
 * observers and after-commit / after-rollback callbacks run, and failures to begin, commit or
 * roll back arrive translated. The block runs as jOOQ calls it, so the executor's transaction
 * decorators (retry, circuit breaker) do not wrap it: {@code executor.transaction(…)} does.
 * Stateless: what one transaction needs travels in its {@link TransactionContext}.
 */
final class ExecutorTransactionProvider implements TransactionProvider {

    private static final String BEGUN = "dev.kysera.executor.transactionBegun";

    /** A transaction this provider began: its bookkeeping and the provider that began it on the connection. */
    private record Begun(Transactions.Run run, TransactionProvider delegate, Scope scope) {
    }

    private final Configuration source;
    private final TransactionProvider sourceProvider;

    /** @param source the executor's plain configuration, whose connections and provider transactions use */
    ExecutorTransactionProvider(Configuration source) {
        this.source = source;
        this.sourceProvider = source.transactionProvider();
    }

    /** The provider of the configuration the executor was built over: what a configuration without Kysera's parts gets back. */
    TransactionProvider sourceProvider() {
        return sourceProvider;
    }

    /** No defaults of its own: what a transaction asks for is what it gets. */
    @Override
    public Set<TransactionProperty> properties() {
        return Set.of();
    }

    @Override
    public void begin(TransactionContext ctx) {
        Scope scope = Scope.of(ctx.configuration());
        if (scope == null) {
            throw new IllegalStateException("A transaction of an executor's provider on a configuration that is not the executor's");
        }
        TransactionState open = scope.effectiveTransaction();
        TransactionRequest request = Transactions.request(ctx.properties(), open != null);
        Transactions.Run run = new Transactions.Run(scope, open);
        // A savepoint goes to the provider of the open transaction, which holds its connection.
        TransactionProvider delegate = open != null ? open.configuration().transactionProvider()
                : Transactions.withOwnProvider(source).transactionProvider();
        // Kept before the delegate begins: jOOQ rolls back through this provider whatever fails from here on.
        ctx.data(BEGUN, new Begun(run, delegate, scope));
        try {
            delegate.begin(ctx);
        } catch (DataAccessException e) {
            throw Transactions.translate(scope, source, e);
        }
        // The delegate bound ctx's configuration (the block's) to the transaction's connection.
        Configuration block = ctx.configuration();
        Configuration plain = ExecutorConfigurations.withoutKysera(block);
        plain.set(delegate);
        TransactionState state = run.begun(plain, request);
        block.data(Scope.DATA_KEY, scope.inTransaction(state));
        run.afterBegin();
    }

    @Override
    public void commit(TransactionContext ctx) {
        Begun begun = (Begun) ctx.data(BEGUN);
        begun.run().beforeCommit();
        begun.run().end();
        try {
            begun.delegate().commit(ctx);
        } catch (DataAccessException e) {
            // jOOQ rolls back next, through rollback(ctx)
            throw Transactions.translate(begun.scope(), source, e);
        }
        begun.run().committed();
    }

    @Override
    public void rollback(TransactionContext ctx) {
        if (!(ctx.data(BEGUN) instanceof Begun begun)) {
            return; // refused before anything began
        }
        begun.run().end();
        try {
            begun.delegate().rollback(ctx);
        } catch (DataAccessException e) {
            throw Transactions.translate(begun.scope(), source, e);
        } finally {
            begun.run().rolledBack(ctx.causeThrowable());
        }
    }
}
