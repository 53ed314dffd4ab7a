package dev.kysera.debug.internal;

import dev.kysera.debug.ShapeStats;
import dev.kysera.executor.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live, lock-free counters of one shape. */
public final class ShapeProfile {

    /** Bounds of the report's latency ranges: 100 µs, 1 ms, 10 ms, 100 ms, 1 s, 10 s, then open-ended. */
    private static final long[] RANGES = {100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L};

    private final String shape;
    private final StatementKind kind;
    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong();
    private final LatencyHistogram histogram = new LatencyHistogram();
    private volatile long lastUsed;

    public ShapeProfile(String shape, StatementKind kind) {
        this.shape = shape;
        this.kind = kind;
        this.lastUsed = System.nanoTime();
    }

    public void record(long nanos, long affectedRows, boolean failed) {
        lastUsed = System.nanoTime();
        count.increment();
        totalNanos.add(nanos);
        rows.add(affectedRows);
        if (failed) {
            errors.increment();
        }
        histogram.record(nanos);
        min.accumulateAndGet(nanos, Math::min);
        max.accumulateAndGet(nanos, Math::max);
    }

    public long lastUsed() {
        return lastUsed;
    }

    public ShapeStats stats() {
        long[] counts = histogram.counts();
        long n = count.sum();
        long total = totalNanos.sum();
        long lo = n == 0 ? 0 : min.get();
        long hi = max.get();
        List<ShapeStats.LatencyBucket> buckets = new ArrayList<>(RANGES.length + 1);
        long below = 0;
        for (long bound : RANGES) {
            long atMost = LatencyHistogram.countAtMost(counts, bound);
            buckets.add(new ShapeStats.LatencyBucket(Duration.ofNanos(bound), atMost - below));
            below = atMost;
        }
        long all = 0;
        for (long c : counts) {
            all += c;
        }
        buckets.add(new ShapeStats.LatencyBucket(null, all - below));
        return new ShapeStats(shape, kind, n, errors.sum(), rows.sum(), Duration.ofNanos(total),
                Duration.ofNanos(n == 0 ? 0 : total / n), Duration.ofNanos(lo),
                Duration.ofNanos(LatencyHistogram.percentile(counts, 0.50, lo, hi)),
                Duration.ofNanos(LatencyHistogram.percentile(counts, 0.95, lo, hi)),
                Duration.ofNanos(LatencyHistogram.percentile(counts, 0.99, lo, hi)), Duration.ofNanos(hi), buckets);
    }
}
