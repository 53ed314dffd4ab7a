package dev.kysera.executor;

import java.util.function.Supplier;
import org.jooq.ConnectionProvider;

/**
 * The seam every statement run <em>outside</em> a transaction (autocommit) passes — the statement
 * counterpart of {@link TransactionRunner} decorators, e.g. a circuit breaker that counts and refuses
 * such statements, or a retry of autocommit reads. Register with
 * {@link Executor.Builder#guardStatements}; without a guard the executor adds no work per statement.
 * Statements inside a transaction never pass it: their transaction's decorators cover them.
 *
 * <p>Per attempt, {@link #before} runs before the statement takes a connection and
 * {@link #after} once it finished or failed. When an attempt of a single statement (not a batch)
 * on an executor that takes a connection per statement fails with a database error,
 * {@link #recover} may run it again. Guards run in registration order ({@code after} in reverse).
 */
public interface StatementGuard {

    /**
     * Before an attempt takes a connection; throw a {@link RuntimeException} to refuse it (it then
     * does not run, and the caller receives that exception).
     *
     * @param statement the attempt about to run
     */
    default void before(AutocommitStatement statement) {
    }

    /**
     * Where an attempt of a single statement (not a batch or a routine) takes its connection, once
     * every guard's {@link #before} returned: return
     * {@code connections} (the default) to leave it be, or a provider to use instead for this attempt
     * only (e.g. a replica's, for a read) — which may fall back to {@code connections}. Guards are
     * asked in registration order, each given what the one before returned, starting from the
     * executor's own provider.
     *
     * @param statement   the attempt about to take a connection
     * @param connections the provider chosen so far
     * @return the provider this attempt takes its connection from
     */
    default ConnectionProvider connections(AutocommitStatement statement, ConnectionProvider connections) {
        return connections;
    }

    /**
     * After an attempt for which {@link #before} returned: {@code failure} is null if it succeeded,
     * else its error, translated as the executor translates errors. Called once per attempt.
     *
     * @param statement the attempt that ended
     * @param failure   its error, or {@code null} on success
     */
    default void after(AutocommitStatement statement, RuntimeException failure) {
    }

    /**
     * Called when an attempt failed with a database error: rethrow {@code failure} (the default) or
     * return what {@code again.get()} returned — each call runs one more complete attempt (on a new
     * connection, through every guard's {@code before}/{@code after}) and throws its error if it
     * fails. The first guard that does not rethrow {@code failure} handles it. While it runs, the
     * failed attempt still holds its connection: a pool needs two connections for a retry.
     *
     * @param <T>       what the statement produced, opaque to the guard
     * @param statement the attempt that failed
     * @param failure   its translated error
     * @param again     runs one more complete attempt and returns its result
     * @return the result of a successful further attempt, handed to the caller
     * @throws RuntimeException {@code failure} (the default), or the error of the last further attempt
     */
    default <T> T recover(AutocommitStatement statement, RuntimeException failure, Supplier<T> again) {
        throw failure;
    }
}
