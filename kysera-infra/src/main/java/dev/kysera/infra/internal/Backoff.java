package dev.kysera.infra.internal;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based) it waits
 * {@code min(initial * multiplier^(n-1), max) * (1 + jitter * u)} with {@code u} uniform in [-1, 1].
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) implements IntervalFunction {

    /** The wait in milliseconds before retry {@code attempt} (1-based), as Resilience4j asks for it. */
    @Override
    public Long apply(Integer attempt) {
        double factor = jitter == 0 ? 1 : 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.round(base(attempt) * factor);
    }

    /** The longest wait before retry {@code attempt}, jitter included. */
    public long upperBoundMillis(int attempt) {
        return (long) Math.ceil(base(attempt) * (1 + jitter));
    }

    private double base(int attempt) {
        double exponential = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Math.min(exponential, max.toMillis());
    }
}
