package dev.kysera.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.debug.Profiler;
import org.junit.jupiter.api.Test;

/** Runs each debug benchmark once outside JMH, on SQLite, so the benchmark code cannot rot. */
class DebugBenchmarkSmokeTest {

    @Test
    void every_variant_finds_the_same_user() throws Exception {
        DebugBenchmark benchmark = new DebugBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
        try {
            QueryBenchmark.Ids ids = QueryBenchmark.Ids.fixed(42);
            Rows.UserRow expected = benchmark.findById_debugOff(ids);
            assertThat(expected.id()).isEqualTo(42L);
            assertThat(benchmark.findById_profiler(ids)).isEqualTo(expected);
            assertThat(benchmark.findById_queryLogAndProfiler(ids)).isEqualTo(expected);
            Profiler profiler = (Profiler) benchmark.profiled.plugins().getFirst();
            assertThat(profiler.snapshot().totalCount()).isEqualTo(1);
        } finally {
            benchmark.tearDown();
        }
    }
}
