package dev.kysera.debug.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size, lock-free latency histogram in nanoseconds: 16 linear sub-buckets per power of two
 * (relative error of a percentile at most 1/16), from 0 ns to about 4.9 hours, 672 counters
 * (5.4 KB) whatever the number of recorded values. Longer values count in the last bucket.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 44;
    static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts one value. */
    public void record(long nanos) {
        counts.incrementAndGet(index(nanos));
    }

    static int index(long nanos) {
        long value = Math.max(0, nanos);
        if (value < SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        long lower = (SUB + sub) << (exponent - SUB_BITS);
        return lower + (1L << (exponent - SUB_BITS)) - 1;
    }

    /** A copy of the counters, for computing percentiles without racing writers. */
    public long[] counts() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /**
     * The value at or below which {@code quantile} of the counted values fall (nearest rank), as
     * the upper bound of its bucket clamped to {@code [min, max]}; 0 when nothing was counted.
     */
    public static long percentile(long[] counts, double quantile, long min, long max) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, upperBound(i)));
            }
        }
        return max;
    }

    /** How many counted values are at most {@code nanos} (bucket-precise). */
    public static long countAtMost(long[] counts, long nanos) {
        long result = 0;
        int last = index(nanos);
        for (int i = 0; i <= last && i < counts.length; i++) {
            result += counts[i];
        }
        return result;
    }
}
