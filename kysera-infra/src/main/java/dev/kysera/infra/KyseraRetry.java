package dev.kysera.infra;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.executor.AutocommitStatement;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementGuard;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.infra.internal.Backoff;
import dev.kysera.infra.internal.OutermostRunner;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Retries whole transactions that failed with a transient error, as a decorator of the executor's
 * transaction runner, so repositories, the DAL and {@link Executor#transaction} get it unchanged:
 *
 * <pre>{@code
 * KyseraRetry retry = KyseraRetry.of(RetryOptions.defaults());
 * Executor executor = Executor.builder().dataSource(pool, dialect).decorateTransactions(retry.decorator()).build();
 * }</pre>
 *
 * <p><b>What is retried.</b> An outermost transaction whose attempt threw a
 * {@link KyseraException} that {@linkplain KyseraException#isTransient() is transient} by core's
 * classification — serialization failure, deadlock, lock timeout, lost connection, busy database —
 * whether it came from a statement of the block or from the commit. Never: a nested transaction (a
 * savepoint; its enclosing transaction is retried as a whole instead), a non-transient error (a
 * unique violation, a check constraint, the block's own exceptions), a {@link CircuitOpenException}
 * (failing fast is its point), and by default a connection lost <em>while committing</em>, whose
 * outcome is unknown (see {@link RetryOptions#retryUncertainCommits()}). The last error is rethrown
 * unchanged when attempts or time run out.
 *
 * <p><b>Idempotency contract.</b> Each attempt is a new transaction running the block from the
 * start: the block's database work of a failed attempt was rolled back with it, so nothing
 * half-applied survives. What the block does <em>outside</em> the transaction — sending mail,
 * changing objects it did not create, calling other services — is repeated per attempt; keep such
 * effects out of the block (e.g. use after-commit callbacks) or make them idempotent.
 *
 * <p>Thread-safe; one instance can decorate several executors. Waiting between attempts sleeps the
 * calling thread (cheap on a virtual thread); interrupting it ends the retries: the last error is
 * thrown and the thread stays interrupted.
 */
public final class KyseraRetry {

    private final RetryOptions options;
    private final Backoff backoff;
    private final Retry retry;

    private KyseraRetry(RetryOptions options) {
        this.options = options;
        this.backoff = new Backoff(options.initialBackoff(), options.multiplier(), options.maxBackoff(), options.jitter());
        this.retry = Retry.of(options.name(), RetryConfig.custom()
                .maxAttempts(options.maxAttempts())
                .intervalFunction(backoff)
                .retryOnException(KyseraRetry::isRetryable)
                .build());
    }

    /**
     * A retry with these options.
     *
     * @param options attempts, backoff and time limit
     * @return a retry with these options
     */
    public static KyseraRetry of(RetryOptions options) {
        return new KyseraRetry(Objects.requireNonNull(options, "options"));
    }

    /**
     * A retry with {@link RetryOptions#defaults()}.
     *
     * @return a retry with {@link RetryOptions#defaults()}
     */
    public static KyseraRetry defaults() {
        return of(RetryOptions.defaults());
    }

    /**
     * The options.
     *
     * @return the options
     */
    public RetryOptions options() {
        return options;
    }

    /**
     * The Resilience4j retry behind this one: subscribe to its events
     * ({@code getEventPublisher().onRetry(...)}) or read its metrics.
     *
     * @return the Resilience4j retry behind this one
     */
    public Retry retry() {
        return retry;
    }

    /**
     * The decorator to pass to {@link Executor.Builder#decorateTransactions}.
     *
     * @return the decorator
     */
    public UnaryOperator<TransactionRunner> decorator() {
        return delegate -> new OutermostRunner(delegate) {
            @Override
            protected <T> T runOutermost(TransactionRequest request, Function<Executor, T> block) {
                return retrying(delegate, request, block);
            }
        };
    }

    /**
     * Whether an error is worth retrying the whole transaction for: a transient
     * {@link KyseraException} other than {@link CircuitOpenException}.
     *
     * @param error an error of an attempt
     * @return whether {@code error} is worth another attempt
     */
    public static boolean isRetryable(Throwable error) {
        return error instanceof KyseraException kysera && kysera.isTransient() && !(error instanceof CircuitOpenException);
    }

    /**
     * The guard to pass to {@link Executor.Builder#guardStatements}: retries a statement run outside a
     * transaction that failed with a retryable error, with the same backoff, attempts and time limit
     * as transactions. Reads ({@code SELECT}) always; writes when the database rolled them back (a
     * {@link TransientDatabaseException} other than {@link TransientDatabaseException.Kind#CONNECTION_LOST}:
     * deadlock victim, serialization failure, lock wait timeout, busy), since nothing of them applied; after
     * a lost connection only with {@link RetryOptions#retryAutocommitWrites()}: a write in autocommit that
     * lost its connection may have committed. A failure while reading the
     * rows of a lazily fetched result (a cursor, a stream) is not retried: the caller has seen rows.
     * Each attempt takes its own connection while the failed one is still held, so the pool needs
     * at least two.
     *
     * @return the statement guard of this retry
     */
    public StatementGuard statementGuard() {
        return new StatementGuard() {
            @Override
            public <T> T recover(AutocommitStatement statement, RuntimeException failure, Supplier<T> again) {
                Predicate<RuntimeException> uncertain = error -> !statement.read() && !options.retryAutocommitWrites()
                        && !rolledBack(error);
                if (uncertain.test(failure)) {
                    throw failure;
                }
                return retrying(again::get, failure, statement.startNanos(), uncertain);
            }
        };
    }

    private <T> T retrying(TransactionRunner delegate, TransactionRequest request, Function<Executor, T> block) {
        boolean[] blockReturned = {false};
        return retrying(() -> {
            blockReturned[0] = false;
            return delegate.run(request, tx -> {
                T value = block.apply(tx);
                blockReturned[0] = true;
                return value;
            });
        }, null, System.nanoTime(), error -> uncertainCommit(error, blockReturned[0]));
    }

    /**
     * Runs attempts until one succeeds or retrying ends.
     *
     * @param firstFailure the first attempt's error when it already ran, else null
     * @param uncertain    whether an error leaves the attempt's outcome unknown (never retried)
     */
    private <T> T retrying(Supplier<T> attempt, RuntimeException firstFailure, long startNanos, Predicate<RuntimeException> uncertain) {
        Retry.Context<T> context = retry.context();
        long deadline = startNanos + options.maxElapsed().toNanos();
        RuntimeException failed = firstFailure;
        for (int n = 1; ; n++) {
            RuntimeException error = failed;
            failed = null;
            if (error == null) {
                try {
                    T result = attempt.get();
                    context.onComplete();
                    return result;
                } catch (RuntimeException attemptFailed) {
                    error = attemptFailed;
                }
            }
            boolean retryable = isRetryable(error) && n < options.maxAttempts();
            if (retryable && (uncertain.test(error) || outOfTime(n, deadline) || Thread.currentThread().isInterrupted())) {
                throw error;
            }
            try {
                context.onRuntimeError(error); // rethrows unless it is retryable and attempts remain; else waits
            } catch (RuntimeException givenUp) {
                if (retryable && givenUp == error) {
                    // Resilience4j swallows an interrupt of its wait and rethrows the last error: keep the interrupt.
                    Thread.currentThread().interrupt();
                }
                throw givenUp;
            }
        }
    }

    /** Whether the database itself rolled back the failed statement, so running it again applies it once. */
    private static boolean rolledBack(RuntimeException error) {
        return error instanceof TransientDatabaseException transientError
                && transientError.kind() != TransientDatabaseException.Kind.CONNECTION_LOST;
    }

    private boolean uncertainCommit(RuntimeException error, boolean blockReturned) {
        return blockReturned && !options.retryUncertainCommits()
                && error instanceof TransientDatabaseException transientError
                && transientError.kind() == TransientDatabaseException.Kind.CONNECTION_LOST;
    }

    private boolean outOfTime(int attempt, long deadline) {
        return System.nanoTime() + backoff.upperBoundMillis(attempt) * 1_000_000L > deadline;
    }

    @Override
    public String toString() {
        return "KyseraRetry" + options;
    }
}
