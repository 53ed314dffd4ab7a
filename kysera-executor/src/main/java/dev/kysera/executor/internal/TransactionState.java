package dev.kysera.executor.internal;

import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TransactionEndedException;
import dev.kysera.executor.TransactionHandle;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.impl.DSL;

/**
 * One open transaction or savepoint: its jOOQ configuration (bound to the transaction's
 * connection) and the callbacks registered in it. Confined to the thread running the transaction.
 */
public final class TransactionState implements TransactionHandle {

    private final long id;
    private final int depth;
    private final Configuration configuration;
    private final Connection connection;
    private final Isolation isolation;
    private final boolean readOnly;
    private final boolean external;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    private volatile boolean open = true;

    private final Scope scope;

    /**
     * @param isolation the isolation level the transaction was begun with, null for the connection's default (or unknown)
     * @param external  whether someone else began it, so isolation and read-only are unknown
     */
    TransactionState(long id, int depth, Configuration configuration, Scope scope, Isolation isolation, boolean readOnly,
                     boolean external) {
        this.id = id;
        this.depth = depth;
        this.configuration = configuration;
        this.scope = scope;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.external = external;
        this.connection = configuration.connectionProvider().acquire();
    }

    @Override
    public DSLContext dsl() {
        requireOpen();
        return DSL.using(configuration);
    }

    @Override
    public PluginContext context() {
        return scope.context(configuration.dialect());
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean external() {
        return external;
    }

    /** The jOOQ configuration of the transaction, without Kysera's listeners. */
    public Configuration configuration() {
        return configuration;
    }

    Connection connection() {
        return connection;
    }

    TransactionState child(Configuration savepointConfiguration, Scope savepointScope) {
        return new TransactionState(id, depth + 1, savepointConfiguration, savepointScope, isolation, readOnly, external);
    }

    @Override
    public void afterCommit(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        requireOpen();
        afterCommit.add(callback);
    }

    @Override
    public void afterRollback(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        requireOpen();
        afterRollback.add(callback);
    }

    /** A committed savepoint hands its callbacks to the enclosing transaction. */
    void mergeInto(TransactionState parent) {
        parent.afterCommit.addAll(afterCommit);
        parent.afterRollback.addAll(afterRollback);
    }

    List<Runnable> afterCommitCallbacks() {
        return afterCommit;
    }

    List<Runnable> afterRollbackCallbacks() {
        return afterRollback;
    }

    void end() {
        open = false;
    }

    /** @throws TransactionEndedException if the transaction is over: its executor must not be used any more */
    void requireOpen() {
        if (!open) {
            throw new TransactionEndedException();
        }
    }

    @Override
    public String toString() {
        return "Transaction[" + id + (depth == 0 ? "" : ", savepoint " + depth) + "]";
    }
}
