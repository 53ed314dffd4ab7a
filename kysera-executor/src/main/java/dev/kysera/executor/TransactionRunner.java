package dev.kysera.executor;

import java.util.function.Function;

/**
 * The seam every transaction begun through an executor passes: repositories', the DAL's and
 * {@link Executor#transactionResult}'s. The executor's own runner begins, runs the block, commits
 * or rolls back, and translates every error; decorators registered with
 * {@link Executor.Builder#decorateTransactions} wrap it, e.g. to retry whole transactions on
 * transient errors (each {@code delegate.run} call is one complete attempt) or to count them.
 */
public interface TransactionRunner {

    /**
     * Runs {@code block} in a transaction as {@code request} asks and returns its result. The
     * executor's own runner begins the transaction its caller asked for and ignores the request it
     * is passed, so a decorator cannot change isolation or read-only by passing on another one.
     *
     * @param <T>     what the block returns
     * @param request the isolation, read-only mode and nesting of the transaction
     * @param block   the work; it receives the executor bound to the transaction
     * @return what the block returned, once committed
     * @throws RuntimeException what the block threw, or a {@link dev.kysera.core.error.KyseraException}
     *                          for a failure to begin, commit or roll back
     */
    <T> T run(TransactionRequest request, Function<Executor, T> block);
}
