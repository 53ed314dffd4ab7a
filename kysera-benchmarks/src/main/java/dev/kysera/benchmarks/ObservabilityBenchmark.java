package dev.kysera.benchmarks;

import dev.kysera.benchmarks.QueryBenchmark.Ids;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.debug.Profiler;
import dev.kysera.debug.QueryLog;
import dev.kysera.debug.QueryLogOptions;
import dev.kysera.executor.Executor;
import dev.kysera.micrometer.MicrometerPlugin;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observing costs, in one run: the filtered find-by-id of {@link QueryBenchmark} through
 * plain jOOQ, the executor without plugins, the executor with kysera-debug's {@link Profiler},
 * with its {@link QueryLog} writing to a discarding sink (every entry built, then dropped) and
 * to the default {@code System.Logger} at its default DEBUG level, which the default logging
 * configuration does not write, and with kysera-micrometer's {@link MicrometerPlugin} — on a
 * registry without handlers (the plugin's fast path), and with a meter handler on a
 * {@code SimpleMeterRegistry} (a timer per statement with its tags, plus the long-task timer
 * Micrometer keeps while it runs).
 * {@link ObservabilityBenchmarkMain} reports each as a time ratio to plain jOOQ and to the
 * plugin-free executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ObservabilityBenchmark {

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    DSLContext jooq;
    Executor plain;
    Executor profiled;
    Executor queryLogSink;
    Executor queryLogDisabled;
    Executor observedNoHandlers;
    Executor observedMetrics;
    SimpleMeterRegistry meters;

    @Setup(Level.Trial)
    public void setUp() {
        db = BenchDatabase.open(database);
        jooq = db.dsl();
        plain = Executor.builder().dsl(jooq).build();
        profiled = Executor.builder().dsl(jooq).plugin(Profiler.defaults()).build();
        queryLogSink = Executor.builder().dsl(jooq).plugin(QueryLogOptions.builder().sink(entry -> { }).plugin()).build();
        queryLogDisabled = Executor.builder().dsl(jooq).plugin(QueryLog.defaults()).build();
        observedNoHandlers = Executor.builder().dsl(jooq).plugin(MicrometerPlugin.of(ObservationRegistry.create())).build();
        meters = new SimpleMeterRegistry();
        ObservationRegistry metrics = ObservationRegistry.create();
        metrics.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        observedMetrics = Executor.builder().dsl(jooq).plugin(MicrometerPlugin.of(metrics)).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            plain.close();
            profiled.close();
            queryLogSink.close();
            queryLogDisabled.close();
            observedNoHandlers.close();
            observedMetrics.close();
        } finally {
            db.close();
        }
    }

    @Benchmark
    public UserRow observedFindById_jooq(Ids ids) {
        return QueryBenchmark.findUserFiltered(jooq, ids.next());
    }

    @Benchmark
    public UserRow observedFindById_kysera(Ids ids) {
        return QueryBenchmark.findUserFiltered(plain.dsl(), ids.next());
    }

    @Benchmark
    public UserRow observedFindById_profiler(Ids ids) {
        return QueryBenchmark.findUserFiltered(profiled.dsl(), ids.next());
    }

    @Benchmark
    public UserRow observedFindById_queryLogSink(Ids ids) {
        return QueryBenchmark.findUserFiltered(queryLogSink.dsl(), ids.next());
    }

    @Benchmark
    public UserRow observedFindById_queryLogDisabled(Ids ids) {
        return QueryBenchmark.findUserFiltered(queryLogDisabled.dsl(), ids.next());
    }

    @Benchmark
    public UserRow observedFindById_micrometerNoHandlers(Ids ids) {
        return QueryBenchmark.findUserFiltered(observedNoHandlers.dsl(), ids.next());
    }

    @Benchmark
    public UserRow observedFindById_micrometerMetrics(Ids ids) {
        return QueryBenchmark.findUserFiltered(observedMetrics.dsl(), ids.next());
    }
}
