package dev.kysera.executor;

/**
 * A transaction begun and ended by someone else — e.g. Spring's transaction manager — that an
 * executor treats as its own while it is open on the current thread (see
 * {@link Executor#adoptTransaction()}): statements of the executor join it, nested
 * {@code executor.transaction(…)} calls become savepoints, {@link Executor#transaction()} returns
 * its handle, and the plugins' {@link TransactionObserver}s and the handle's after-commit and
 * after-rollback callbacks run when its owner reports the outcome. Confined to the thread that
 * adopted it.
 */
public interface ExternalTransaction {

    /**
     * The transaction as observers and callbacks see it.
     *
     * @return the handle, the same object {@link Executor#transaction()} returns while it is adopted
     */
    TransactionHandle handle();

    /**
     * The owner is about to commit: runs the observers' {@code beforeCommit}, in order, stopping at
     * the first that throws.
     *
     * @throws RuntimeException what an observer threw: the owner must then roll back and report it
     *                          with {@link #completed(boolean, Throwable) completed(false, cause)}
     */
    void beforeCommit();

    /**
     * The owner committed ({@code committed}) or rolled back (because of {@code cause}, which may
     * be null when the owner does not know it): runs the observers and callbacks, ends the
     * handle, and releases the current thread. Only the first call counts. Observers and callbacks
     * that throw are logged and do not stop the others: the outcome is final.
     *
     * @param committed whether the owner committed
     * @param cause     why it rolled back, or {@code null}; ignored when {@code committed}
     */
    void completed(boolean committed, Throwable cause);

    /**
     * The owner suspended the transaction (another one runs on this thread meanwhile): the thread
     * is released, so statements no longer join it until {@link #resume()}.
     */
    void suspend();

    /**
     * The owner resumed the suspended transaction: it is the current thread's again. Does nothing
     * once {@link #completed} was called.
     */
    void resume();
}
