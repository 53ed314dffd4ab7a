package dev.kysera.infra;

import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.infra.internal.OutermostRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Readonly;
import org.jooq.TransactionProperty;

/**
 * Routes read-only transactions to replicas, as a decorator of the primary executor's transaction
 * runner; everything else stays on the primary.
 *
 * <pre>{@code
 * Executor replica = Executor.builder().dataSource(replicaPool, dialect).plugins(plugins).build();
 * ReadReplicas replicas = ReadReplicas.of(List.of(replica));
 * Executor primary = Executor.builder().dataSource(primaryPool, dialect).plugins(plugins)
 *         .decorateTransactions(replicas.decorator()).build();
 * primary.transactionResult(tx -> tx.dsl().fetchCount(USERS), Readonly.READONLY);   // runs on the replica
 * }</pre>
 *
 * <p>An outermost transaction asked for with {@link Readonly#READONLY} runs as a read-only
 * transaction of the next replica executor (round robin), with the same isolation level; its block
 * receives the replica's executor, so build replicas with the primary's plugins. Read-write
 * transactions, and every nested transaction, stay on the primary, so work inside a transaction
 * that wrote reads its own writes. If a replica cannot even begin (a {@link TransientDatabaseException}
 * of kind {@code CONNECTION_LOST} or {@code DATABASE_BUSY} before the block ran) the next one is
 * tried, and at last the primary. Statements outside transactions are not routed. Replication lag
 * is not checked.
 */
public final class ReadReplicas {

    private final List<Executor> replicas;
    private final AtomicInteger next = new AtomicInteger();

    private ReadReplicas(List<Executor> replicas) {
        this.replicas = List.copyOf(replicas);
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas must not be empty");
        }
    }

    /** Routing over these replica executors (which the caller owns and closes). */
    public static ReadReplicas of(List<Executor> replicas) {
        return new ReadReplicas(Objects.requireNonNull(replicas, "replicas"));
    }

    /** The decorator to pass to the primary's {@link Executor.Builder#decorateTransactions}. */
    public UnaryOperator<TransactionRunner> decorator() {
        return delegate -> new OutermostRunner(delegate) {
            @Override
            protected <T> T runOutermost(TransactionRequest request, Function<Executor, T> block) {
                return request.readOnly() ? onReplica(delegate, request, block) : delegate.run(request, block);
            }
        };
    }

    private <T> T onReplica(TransactionRunner primary, TransactionRequest request, Function<Executor, T> block) {
        List<TransactionProperty> properties = new ArrayList<>(List.of(Readonly.READONLY));
        request.isolationLevel().ifPresent(properties::add);
        TransactionProperty[] asked = properties.toArray(TransactionProperty[]::new);
        int first = Math.floorMod(next.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            boolean[] started = {false};
            try {
                return replicas.get((first + i) % replicas.size()).transactionResult(tx -> {
                    started[0] = true;
                    return block.apply(tx);
                }, asked);
            } catch (TransientDatabaseException unreachable) {
                if (started[0] || !(unreachable.kind() == TransientDatabaseException.Kind.CONNECTION_LOST
                        || unreachable.kind() == TransientDatabaseException.Kind.DATABASE_BUSY)) {
                    throw unreachable;
                }
            }
        }
        return primary.run(request, block);
    }
}
