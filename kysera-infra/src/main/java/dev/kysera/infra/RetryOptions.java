package dev.kysera.infra;

import dev.kysera.infra.internal.Check;
import java.time.Duration;

/**
 * How {@link KyseraRetry} retries whole transactions (and statements outside transactions). Immutable; build with {@link #builder()},
 * start from {@link #defaults()}, change with {@link #toBuilder()}.
 *
 * <p>Before retry {@code n} (1-based) it waits {@code min(initialBackoff * multiplier^(n-1),
 * maxBackoff)}, spread by {@code ± jitter} (a fraction) so that transactions that collided do not
 * collide again in lock step.
 *
 * @param name                  the Resilience4j retry's name (shown in its events and metrics)
 * @param maxAttempts           attempts in total, the first included; at least 1 (1 = never retry)
 * @param initialBackoff        wait before the first retry
 * @param multiplier            growth of the wait per retry, at least 1
 * @param maxBackoff            cap of the wait, at least {@code initialBackoff}
 * @param jitter                random spread of each wait, in [0, 1)
 * @param maxElapsed            no retry is started if its wait could end later than this after the
 *                              first attempt began
 * @param retryUncertainCommits whether to retry when the connection was lost while committing, so
 *                              the first attempt may or may not have committed (default false: only
 *                              blocks that are idempotent end to end may turn this on)
 * @param retryAutocommitWrites whether {@link KyseraRetry#statementGuard()} also retries writes run
 *                              outside a transaction whose connection was lost (default false: reads, and
 *                              writes the database rolled back — deadlock, serialization failure, lock
 *                              wait, busy). A failed autocommit write whose connection was lost may have
 *                              committed before the failure reached the client, so running it again can
 *                              apply it twice; turn this on only for writes that are idempotent (an upsert
 *                              to fixed values, say)
 */
public record RetryOptions(String name, int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                           double jitter, Duration maxElapsed, boolean retryUncertainCommits,
                           boolean retryAutocommitWrites) {

    /** Validates every value; the builder's {@link Builder#build()} calls this. */
    public RetryOptions {
        Check.notBlank("name", name);
        Check.atLeast("maxAttempts", maxAttempts, 1);
        Check.notNegative("initialBackoff", initialBackoff);
        Check.within("multiplier", multiplier, 1, Double.MAX_VALUE, true);
        Check.notNegative("maxBackoff", maxBackoff);
        Check.ordered("initialBackoff", initialBackoff, "maxBackoff", maxBackoff);
        Check.within("jitter", jitter, 0, 1, false);
        Check.positive("maxElapsed", maxElapsed);
    }

    /**
     * 5 attempts, 50 ms doubling up to 2 s, ± 50 % jitter, at most 30 s in all, uncertain commits
     * and autocommit writes not retried.
     *
     * @return the default options
     */
    public static RetryOptions defaults() {
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
        return new Builder().name(name).maxAttempts(maxAttempts).initialBackoff(initialBackoff).multiplier(multiplier)
                .maxBackoff(maxBackoff).jitter(jitter).maxElapsed(maxElapsed).retryUncertainCommits(retryUncertainCommits)
                .retryAutocommitWrites(retryAutocommitWrites);
    }

    /** Builds {@link RetryOptions}; {@link #build()} names the first bad value. */
    public static final class Builder {
        private String name = "kysera-transactions";
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(50);
        private double multiplier = 2;
        private Duration maxBackoff = Duration.ofSeconds(2);
        private double jitter = 0.5;
        private Duration maxElapsed = Duration.ofSeconds(30);
        private boolean retryUncertainCommits;
        private boolean retryAutocommitWrites;

        private Builder() {
        }

        /**
         * See {@link RetryOptions#name()}.
         *
         * @param name see {@link RetryOptions#name()}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * See {@link RetryOptions#maxAttempts()}.
         *
         * @param maxAttempts see {@link RetryOptions#maxAttempts()}
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * See {@link RetryOptions#initialBackoff()}.
         *
         * @param initialBackoff see {@link RetryOptions#initialBackoff()}
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /**
         * See {@link RetryOptions#multiplier()}.
         *
         * @param multiplier see {@link RetryOptions#multiplier()}
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * See {@link RetryOptions#maxBackoff()}.
         *
         * @param maxBackoff see {@link RetryOptions#maxBackoff()}
         * @return this builder
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * See {@link RetryOptions#jitter()}.
         *
         * @param jitter see {@link RetryOptions#jitter()}
         * @return this builder
         */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /**
         * See {@link RetryOptions#maxElapsed()}.
         *
         * @param maxElapsed see {@link RetryOptions#maxElapsed()}
         * @return this builder
         */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
            return this;
        }

        /**
         * See {@link RetryOptions#retryUncertainCommits()}.
         *
         * @param retryUncertainCommits see {@link RetryOptions#retryUncertainCommits()}
         * @return this builder
         */
        public Builder retryUncertainCommits(boolean retryUncertainCommits) {
            this.retryUncertainCommits = retryUncertainCommits;
            return this;
        }

        /**
         * See {@link RetryOptions#retryAutocommitWrites()}.
         *
         * @param retryAutocommitWrites see {@link RetryOptions#retryAutocommitWrites()}
         * @return this builder
         */
        public Builder retryAutocommitWrites(boolean retryAutocommitWrites) {
            this.retryAutocommitWrites = retryAutocommitWrites;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its value, if one is out of range
         */
        public RetryOptions build() {
            return new RetryOptions(name, maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, maxElapsed,
                    retryUncertainCommits, retryAutocommitWrites);
        }
    }
}
