package dev.kysera.executor;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Isolation;

/**
 * A transaction or savepoint of an executor, begun through it or adopted
 * ({@link Executor#adoptTransaction()}), as transaction observers, statement observers and
 * callers of {@link Executor#transaction()} see it. Confined to the thread that runs the transaction.
 */
public interface TransactionHandle {

    /**
     * Identifies the outermost transaction: the same for all its savepoints, unique per executor.
     *
     * @return the transaction's number, counted from 1 per executor
     */
    long id();

    /**
     * How deeply this is nested.
     *
     * @return 0 for the outermost transaction, 1 for a savepoint in it, and so on
     */
    int depth();

    /**
     * The isolation level the executor began the outermost transaction with (a savepoint reports
     * its transaction's). Empty when none was asked for — the connection's default applies — and
     * for an {@link #external() adopted} transaction, whose owner chose it.
     *
     * @return the isolation level asked for, or empty
     */
    default Optional<Isolation> isolation() {
        return Optional.empty();
    }

    /**
     * Whether the executor began the outermost transaction read-only (a savepoint reports its
     * transaction's). False for an {@link #external() adopted} transaction, whose owner may have
     * made it read-only without the executor knowing.
     *
     * @return true if begun with {@code Readonly.READONLY}
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether someone else began the outermost transaction and the executor adopted it
     * ({@link Executor#adoptTransaction()}): then {@link #isolation()} and {@link #readOnly()}
     * are not known.
     *
     * @return true for an adopted transaction and its savepoints
     */
    default boolean external() {
        return false;
    }

    /**
     * A jOOQ context on the transaction's connection without any of the executor's plugins: for
     * transaction observers that must run statements in it (e.g. {@code set_config(…, true)} for
     * native row-level security). Only valid while the transaction is open.
     *
     * @return a plugin-free context on the transaction's connection
     * @throws TransactionEndedException if the transaction (or savepoint) has ended
     */
    DSLContext dsl();

    /**
     * The context (attributes, dialect) of the executor the transaction was begun through.
     *
     * @return that executor's context
     */
    PluginContext context();

    /**
     * Runs {@code callback} after the outermost transaction committed. Registered in a savepoint
     * that rolls back, it never runs. Callbacks run in registration order; one that throws does not
     * stop the others, and the commit stands (the failure is logged).
     *
     * @param callback what to run
     * @throws NullPointerException if {@code callback} is null
     * @throws TransactionEndedException if this transaction (or savepoint) has already ended: the
     *         callback could never run
     */
    void afterCommit(Runnable callback);

    /**
     * Runs {@code callback} after this transaction (or savepoint) rolled back, or after the
     * outermost transaction rolled back if it was registered in a savepoint that committed. As for
     * {@link #afterCommit}, a callback that throws is logged and does not stop the others.
     *
     * @param callback what to run
     * @throws NullPointerException if {@code callback} is null
     * @throws TransactionEndedException if this transaction (or savepoint) has already ended: the
     *         callback could never run
     */
    void afterRollback(Runnable callback);
}
