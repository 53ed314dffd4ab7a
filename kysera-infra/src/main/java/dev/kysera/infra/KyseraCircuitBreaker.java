package dev.kysera.infra;

import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.executor.AutocommitStatement;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementGuard;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.infra.internal.OutermostRunner;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A circuit breaker over database <em>resource</em> failures, as a decorator of the executor's
 * transaction runner. Only what says the database cannot be reached counts — refused or lost
 * connections, pool acquisition timeouts, a busy database (see
 * {@link CircuitBreakerOptions#countedKinds()}) — in a sliding window of recent calls; a unique
 * violation or a serialization failure means the database answered and never opens it. While
 * open, transactions fail at once with {@link CircuitOpenException} without touching the pool;
 * after {@link CircuitBreakerOptions#waitInOpenState()} a few probes decide whether it closes.
 *
 * <pre>{@code
 * KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(CircuitBreakerOptions.defaults());
 * Executor executor = Executor.builder().dataSource(pool, dialect)
 *         .decorateTransactions(retry.decorator())       // outermost: retries whole transactions
 *         .decorateTransactions(breaker.decorator())     // inner: each attempt passes the breaker
 *         .build();
 * breaker.circuitBreaker().getEventPublisher().onStateTransition(e -> log(e.getStateTransition()));
 * }</pre>
 *
 * <p>Nested transactions pass through: they are part of their enclosing transaction's call.
 * Statements run outside a transaction do not pass the transaction runner: register
 * {@link #statementGuard()} too, or wrap such work with {@link #execute(Supplier)}. Built on Resilience4j's {@link CircuitBreaker}; thread-safe.
 */
public final class KyseraCircuitBreaker {

    private final CircuitBreakerOptions options;
    private final CircuitBreaker breaker;

    private KyseraCircuitBreaker(CircuitBreakerOptions options) {
        this.options = options;
        this.breaker = CircuitBreaker.of(options.name(), CircuitBreakerConfig.custom()
                .slidingWindow(options.slidingWindowSize(), options.minimumNumberOfCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(options.failureRateThreshold())
                .waitDurationInOpenState(options.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(options.probesInHalfOpenState())
                .recordException(this::isResourceFailure)
                .build());
    }

    /**
     * A circuit breaker with these options.
     *
     * @param options the window, thresholds and counted error kinds
     * @return a circuit breaker with these options
     */
    public static KyseraCircuitBreaker of(CircuitBreakerOptions options) {
        return new KyseraCircuitBreaker(Objects.requireNonNull(options, "options"));
    }

    /**
     * A circuit breaker with {@link CircuitBreakerOptions#defaults()}.
     *
     * @return a circuit breaker with {@link CircuitBreakerOptions#defaults()}
     */
    public static KyseraCircuitBreaker defaults() {
        return of(CircuitBreakerOptions.defaults());
    }

    /**
     * The options.
     *
     * @return the options
     */
    public CircuitBreakerOptions options() {
        return options;
    }

    /**
     * The Resilience4j circuit breaker behind this one: its state-change and call events
     * ({@code getEventPublisher().onStateTransition(...)}), metrics, and manual transitions.
     *
     * @return the Resilience4j circuit breaker behind this one
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * The current state.
     *
     * @return the current state
     */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /**
     * Whether {@code error} counts as a failure: a transient database error of a counted kind.
     *
     * @param error an error of a call
     * @return whether {@code error} counts as a failure: a transient database error of a counted kind
     */
    public boolean isResourceFailure(Throwable error) {
        return error instanceof TransientDatabaseException transientError && options.countedKinds().contains(transientError.kind());
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
                return execute(() -> delegate.run(request, block));
            }
        };
    }

    /**
     * The guard to pass to {@link Executor.Builder#guardStatements}: each statement run outside a
     * transaction (each attempt of it, behind a retry) is one call of the breaker — refused with
     * {@link CircuitOpenException} while open without taking a connection, its outcome recorded.
     *
     * @return the statement guard of this breaker
     */
    public StatementGuard statementGuard() {
        return new StatementGuard() {
            @Override
            public void before(AutocommitStatement statement) {
                permit();
            }

            @Override
            public void after(AutocommitStatement statement, RuntimeException failure) {
                if (failure == null) {
                    breaker.onSuccess(statement.elapsedNanos(), TimeUnit.NANOSECONDS);
                } else {
                    breaker.onError(statement.elapsedNanos(), TimeUnit.NANOSECONDS, failure);
                }
            }
        };
    }

    private void permit() {
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException refused) {
            throw new CircuitOpenException(options.name(), refused);
        }
    }

    /**
     * Runs {@code work} through the breaker: refused with {@link CircuitOpenException} while open,
     * otherwise run and its outcome recorded.
     *
     * @param <T>  what {@code work} returns
     * @param work the work to run
     * @return what {@code work} returned
     */
    public <T> T execute(Supplier<T> work) {
        permit();
        long start = breaker.getCurrentTimestamp();
        try {
            T result = work.get();
            breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), result);
            return result;
        } catch (RuntimeException | Error failure) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "KyseraCircuitBreaker[" + options.name() + ", " + breaker.getState() + "]";
    }

}
