package dev.kysera.executor;

/**
 * Role: sees transactions and savepoints begun through the executor. Called on the thread that
 * runs the transaction. A failure thrown from {@link #afterBegin} or {@link #beforeCommit} rolls
 * the transaction back and reaches the caller; failures thrown after the outcome
 * ({@link #afterCommit}, {@link #afterRollback}) are logged and do not change it. A savepoint's
 * events come at its own begin, release and rollback, before the outermost transaction's outcome.
 */
public interface TransactionObserver {

    /**
     * A transaction ({@code depth == 0}) or savepoint began, before the block runs.
     *
     * @param transaction the new transaction or savepoint
     */
    default void afterBegin(TransactionHandle transaction) {
    }

    /**
     * The block succeeded and the transaction or savepoint is about to commit (release); throw to
     * veto the commit.
     *
     * @param transaction the transaction or savepoint
     */
    default void beforeCommit(TransactionHandle transaction) {
    }

    /**
     * It committed (released, for a savepoint, whose changes the outermost transaction may still roll back).
     *
     * @param transaction the ended transaction or savepoint; its {@code dsl()} is no longer usable
     */
    default void afterCommit(TransactionHandle transaction) {
    }

    /**
     * It rolled back, because of {@code cause}.
     *
     * @param transaction the ended transaction or savepoint
     * @param cause       what the block (or an observer, or the commit) threw; for an adopted
     *                    transaction the owner's cause, else an {@link IllegalStateException} saying the owner rolled back
     */
    default void afterRollback(TransactionHandle transaction, Throwable cause) {
    }
}
