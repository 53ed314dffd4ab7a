package dev.kysera.debug.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kysera.debug.ShapeStats;
import dev.kysera.executor.StatementKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShapeProfileTest {

    private static final long MS = 1_000_000L;

    @Test
    void exact_totals_and_the_original_acceptance_numbers() {
        ShapeProfile profile = new ShapeProfile("select ?", StatementKind.SELECT);
        profile.record(10 * MS, 1, false);
        profile.record(50 * MS, 2, false);
        profile.record(5 * MS, 0, true);
        ShapeStats stats = profile.stats();
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.rows()).isEqualTo(3);
        assertThat(stats.total()).isEqualTo(Duration.ofMillis(65));
        assertThat(stats.mean().toNanos()).isEqualTo(65 * MS / 3);
        assertThat(stats.min()).isEqualTo(Duration.ofMillis(5));
        assertThat(stats.max()).isEqualTo(Duration.ofMillis(50));
        assertThat(stats.p99()).isEqualTo(Duration.ofMillis(50));
        assertThat(stats.histogram()).extracting(ShapeStats.LatencyBucket::count).containsExactly(0L, 0L, 2L, 1L, 0L, 0L, 0L);
    }

    @Test
    void percentiles_are_within_one_sixteenth() {
        ShapeProfile profile = new ShapeProfile("select ?", StatementKind.SELECT);
        for (int i = 1; i <= 1_000; i++) {
            profile.record(i * MS / 10, 1, false);
        }
        ShapeStats stats = profile.stats();
        assertThat(stats.p50().toNanos()).isCloseTo(50 * MS, within(50 * MS / 16));
        assertThat(stats.p95().toNanos()).isCloseTo(95 * MS, within(95 * MS / 16));
        assertThat(stats.p99().toNanos()).isCloseTo(99 * MS, within(99 * MS / 16));
        assertThat(stats.p50()).isLessThanOrEqualTo(stats.p95());
        assertThat(stats.p99()).isLessThanOrEqualTo(stats.max());
        assertThat(stats.max()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void bucket_bounds_are_contiguous() {
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            long lower = LatencyHistogram.upperBound(i - 1) + 1;
            assertThat(LatencyHistogram.index(lower)).isEqualTo(i);
            assertThat(LatencyHistogram.index(LatencyHistogram.upperBound(i))).isEqualTo(i);
        }
        assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.index(-5)).isZero();
    }
}
