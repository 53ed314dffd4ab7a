package dev.kysera.debug;

import dev.kysera.executor.StatementKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Profiler} measured for one statement shape. Percentiles come from a histogram
 * with a relative error of at most 1/16, clamped to the exact minimum and maximum; counts, rows,
 * total, mean, minimum and maximum are exact.
 *
 * @param shape     the normalised SQL (literals, bind markers and IN lists replaced)
 * @param kind      what the statement does (of the first execution seen)
 * @param count     executions (a JDBC batch counts once)
 * @param errors    executions that failed
 * @param rows      rows returned or affected, summed
 * @param total     time spent in the database, summed
 * @param mean      {@code total / count}
 * @param min       the fastest execution
 * @param p50       median
 * @param p95       95th percentile
 * @param p99       99th percentile
 * @param max       the slowest execution
 * @param histogram executions per latency range, from fast to slow (empty ranges included)
 */
public record ShapeStats(String shape, StatementKind kind, long count, long errors, long rows, Duration total, Duration mean,
                         Duration min, Duration p50, Duration p95, Duration p99, Duration max, List<LatencyBucket> histogram) {

    /**
     * Validates the numbers and copies the histogram.
     *
     * @throws NullPointerException if {@code shape}, {@code kind} or {@code histogram} is null
     */
    public ShapeStats {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(kind, "kind");
        histogram = List.copyOf(histogram);
    }

    /**
     * Executions whose latency was at most {@code upTo} and above the previous bucket's bound.
     *
     * @param upTo  the bucket's upper bound; {@code null} for the last, open-ended bucket
     * @param count how many executions fell in it
     */
    public record LatencyBucket(Duration upTo, long count) {
    }
}
