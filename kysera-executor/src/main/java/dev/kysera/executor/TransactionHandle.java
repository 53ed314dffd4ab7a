package dev.kysera.executor;

/** An open transaction or savepoint begun through an executor. */
public interface TransactionHandle {

    /** Identifies the outermost transaction: the same for all its savepoints, unique per executor. */
    long id();

    /** 0 for the outermost transaction, 1 for a savepoint in it, and so on. */
    int depth();

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
