package dev.kysera.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.micrometer.MicrometerPlugin;
import org.junit.jupiter.api.Test;

/** Runs each observability benchmark once outside JMH, on SQLite, so the benchmark code cannot rot. */
class ObservabilityBenchmarkSmokeTest {

    @Test
    void every_variant_finds_the_same_user_and_the_metrics_variant_records_a_timer() throws Exception {
        ObservabilityBenchmark benchmark = new ObservabilityBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
        try {
            QueryBenchmark.Ids ids = QueryBenchmark.Ids.fixed(42);
            Rows.UserRow expected = benchmark.observedFindById_jooq(ids);
            assertThat(expected.id()).isEqualTo(42L);
            assertThat(benchmark.observedFindById_kysera(ids)).isEqualTo(expected);
            assertThat(benchmark.observedFindById_profiler(ids)).isEqualTo(expected);
            assertThat(benchmark.observedFindById_queryLogSink(ids)).isEqualTo(expected);
            assertThat(benchmark.observedFindById_queryLogDisabled(ids)).isEqualTo(expected);
            assertThat(benchmark.observedFindById_micrometerNoHandlers(ids)).isEqualTo(expected);
            assertThat(benchmark.observedFindById_micrometerMetrics(ids)).isEqualTo(expected);
            assertThat(benchmark.meters.get("db.client.operation").tag("db.operation.name", "SELECT").timer().count()).isEqualTo(1);
            assertThat(((MicrometerPlugin) benchmark.observedMetrics.plugins().getFirst()).failures()).isZero();

            String probe = ObservabilityCpuProbe.run(benchmark, 1, 3);
            assertThat(probe).contains("| jooq |", "| kysera |", "| profiler |", "| queryLogSink |", "| queryLogDisabled |", "| micrometerNoHandlers |", "| micrometerMetrics |");
            // 5 warm-up loops and 1 round of 3 ops, plus the one call above.
            assertThat(benchmark.meters.get("db.client.operation").timer().count()).isEqualTo(1 + 6 * 3);
        } finally {
            benchmark.tearDown();
        }
    }
}
