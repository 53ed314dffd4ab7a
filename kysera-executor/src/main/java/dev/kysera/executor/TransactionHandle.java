package dev.kysera.executor;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Isolation;

/** An open transaction or savepoint begun through an executor. */
public interface TransactionHandle {

    /** Identifies the outermost transaction: the same for all its savepoints, unique per executor. */
    long id();

    /** 0 for the outermost transaction, 1 for a savepoint in it, and so on. */
    int depth();

    /**
     * The isolation level the executor began the outermost transaction with (a savepoint reports
     * its transaction's). Empty when none was asked for — the connection's default applies — and
     * for an {@link #external() adopted} transaction, whose owner chose it.
     */
    default Optional<Isolation> isolation() {
        return Optional.empty();
    }

    /**
     * Whether the executor began the outermost transaction read-only (a savepoint reports its
     * transaction's). False for an {@link #external() adopted} transaction, whose owner may have
     * made it read-only without the executor knowing.
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether someone else began the outermost transaction and the executor adopted it
     * ({@link Executor#adoptTransaction()}): then {@link #isolation()} and {@link #readOnly()}
     * are not known.
     */
    default boolean external() {
        return false;
    }

    /**
     * A jOOQ context on the transaction's connection without any of the executor's plugins: for
     * transaction observers that must run statements in it (e.g. {@code set_config(…, true)} for
     * native row-level security). Only valid while the transaction is open.
     */
    DSLContext dsl();

    /** The context (attributes, dialect) of the executor the transaction was begun through. */
    PluginContext context();

    /**
     * Runs {@code callback} after the outermost transaction committed. Registered in a savepoint
     * that rolls back, it never runs. Callbacks run in registration order; one that throws does not
     * stop the others, and the commit stands.
     */
    void afterCommit(Runnable callback);

    /**
     * Runs {@code callback} after this transaction (or savepoint) rolled back, or after the
     * outermost transaction rolled back if it was registered in a savepoint that committed.
     */
    void afterRollback(Runnable callback);
}
