package dev.kysera.executor;

/**
 * Role: sees transactions and savepoints begun through the executor. Called on the thread that
 * runs the transaction. A failure thrown from {@link #beforeCommit} rolls the transaction back.
 */
public interface TransactionObserver {

    /** A transaction ({@code depth == 0}) or savepoint began. */
    default void afterBegin(TransactionHandle transaction) {
    }

    /** The block succeeded and the transaction or savepoint is about to commit (release). */
    default void beforeCommit(TransactionHandle transaction) {
    }

    /** It committed (released, for a savepoint). */
    default void afterCommit(TransactionHandle transaction) {
    }

    /** It rolled back, because of {@code cause}. */
    default void afterRollback(TransactionHandle transaction, Throwable cause) {
    }
}
