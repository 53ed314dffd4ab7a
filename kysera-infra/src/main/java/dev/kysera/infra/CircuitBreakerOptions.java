package dev.kysera.infra;

import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.infra.internal.Check;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link KyseraCircuitBreaker} decides. Immutable; build with {@link #builder()}, start from
 * {@link #defaults()}, change with {@link #toBuilder()}.
 *
 * <p>The breaker keeps the outcomes of the last {@code slidingWindowSize} calls. Once it has seen
 * at least {@code minimumNumberOfCalls} of them and the share of resource failures reaches
 * {@code failureRateThreshold} percent, it opens: calls fail fast for {@code waitInOpenState}, then
 * {@code probesInHalfOpenState} calls are let through; if they succeed it closes, else it opens again.
 *
 * @param name                  the Resilience4j circuit breaker's name
 * @param slidingWindowSize     how many recent calls count, at least 1
 * @param minimumNumberOfCalls  calls needed before the rate is judged, in [1, slidingWindowSize]
 * @param failureRateThreshold  percentage of failures in the window that opens the breaker, in (0, 100]
 * @param waitInOpenState       how long calls fail fast before probes are let through
 * @param probesInHalfOpenState calls let through while half-open, at least 1
 * @param countedKinds          the kinds of {@link TransientDatabaseException} that count as failures;
 *                              everything else (a unique violation, a serialization failure, the
 *                              block's own exceptions) means the database answered and counts as a
 *                              success
 */
public record CircuitBreakerOptions(String name, int slidingWindowSize, int minimumNumberOfCalls, float failureRateThreshold,
                                    Duration waitInOpenState, int probesInHalfOpenState,
                                    Set<TransientDatabaseException.Kind> countedKinds) {

    /** Validates every value and copies {@code countedKinds}. */
    public CircuitBreakerOptions {
        Check.notBlank("name", name);
        Check.atLeast("slidingWindowSize", slidingWindowSize, 1);
        Check.atLeast("minimumNumberOfCalls", minimumNumberOfCalls, 1);
        if (minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                    + ") must not exceed slidingWindowSize (" + slidingWindowSize + ")");
        }
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("failureRateThreshold must be in (0, 100], was " + failureRateThreshold);
        }
        Check.positive("waitInOpenState", waitInOpenState);
        Check.atLeast("probesInHalfOpenState", probesInHalfOpenState, 1);
        Objects.requireNonNull(countedKinds, "countedKinds");
        if (countedKinds.isEmpty()) {
            throw new IllegalArgumentException("countedKinds must not be empty: the breaker would never open");
        }
        countedKinds = Set.copyOf(countedKinds);
    }

    /**
     * Window of 20 calls, judged after 10, opens at 50 % failures, fails fast for 10 s, then 2
     * probes; counts lost or refused connections (pool timeouts included) and a busy database.
     *
     * @return the default options
     */
    public static CircuitBreakerOptions defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        return new Builder().name(name).slidingWindowSize(slidingWindowSize).minimumNumberOfCalls(minimumNumberOfCalls)
                .failureRateThreshold(failureRateThreshold).waitInOpenState(waitInOpenState)
                .probesInHalfOpenState(probesInHalfOpenState).countedKinds(countedKinds);
    }

    /** Builds {@link CircuitBreakerOptions}; {@link #build()} names the first bad value. */
    public static final class Builder {
        private String name = "kysera-database";
        private int slidingWindowSize = 20;
        private int minimumNumberOfCalls = 10;
        private float failureRateThreshold = 50;
        private Duration waitInOpenState = Duration.ofSeconds(10);
        private int probesInHalfOpenState = 2;
        private Set<TransientDatabaseException.Kind> countedKinds =
                EnumSet.of(TransientDatabaseException.Kind.CONNECTION_LOST, TransientDatabaseException.Kind.DATABASE_BUSY);

        private Builder() {
        }

        /**
         * See {@link CircuitBreakerOptions#name()}.
         *
         * @param name see {@link CircuitBreakerOptions#name()}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#slidingWindowSize()}.
         *
         * @param slidingWindowSize see {@link CircuitBreakerOptions#slidingWindowSize()}
         * @return this builder
         */
        public Builder slidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#minimumNumberOfCalls()}.
         *
         * @param minimumNumberOfCalls see {@link CircuitBreakerOptions#minimumNumberOfCalls()}
         * @return this builder
         */
        public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#failureRateThreshold()}.
         *
         * @param failureRateThreshold see {@link CircuitBreakerOptions#failureRateThreshold()}
         * @return this builder
         */
        public Builder failureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#waitInOpenState()}.
         *
         * @param waitInOpenState see {@link CircuitBreakerOptions#waitInOpenState()}
         * @return this builder
         */
        public Builder waitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#probesInHalfOpenState()}.
         *
         * @param probesInHalfOpenState see {@link CircuitBreakerOptions#probesInHalfOpenState()}
         * @return this builder
         */
        public Builder probesInHalfOpenState(int probesInHalfOpenState) {
            this.probesInHalfOpenState = probesInHalfOpenState;
            return this;
        }

        /**
         * See {@link CircuitBreakerOptions#countedKinds()}.
         *
         * @param countedKinds see {@link CircuitBreakerOptions#countedKinds()}
         * @return this builder
         */
        public Builder countedKinds(Set<TransientDatabaseException.Kind> countedKinds) {
            this.countedKinds = countedKinds;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its value, if one is out of range
         */
        public CircuitBreakerOptions build() {
            return new CircuitBreakerOptions(name, slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
                    waitInOpenState, probesInHalfOpenState, countedKinds);
        }
    }
}
