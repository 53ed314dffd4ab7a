package dev.kysera.benchmarks;

import dev.kysera.benchmarks.QueryBenchmark.Ids;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.debug.Profiler;
import dev.kysera.debug.QueryLog;
import dev.kysera.executor.Executor;
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
 * The cost of kysera-debug's observers on a find-by-id: the executor without plugins, with the
 * profiler, and with the query log (at its default DEBUG level, which the default logging
 * configuration does not write, so it costs one {@code isLoggable} check) plus the profiler.
 * Issue 14's target: the profiler at most 1.1× the plain executor on PostgreSQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DebugBenchmark {

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    Executor off;
    Executor profiled;
    Executor loggedAndProfiled;

    @Setup(Level.Trial)
    public void setUp() {
        db = BenchDatabase.open(database);
        DSLContext jooq = db.dsl();
        off = Executor.builder().dsl(jooq).build();
        profiled = Executor.builder().dsl(jooq).plugin(Profiler.defaults()).build();
        loggedAndProfiled = Executor.builder().dsl(jooq).plugin(QueryLog.defaults()).plugin(Profiler.defaults()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            off.close();
            profiled.close();
            loggedAndProfiled.close();
        } finally {
            db.close();
        }
    }

    @Benchmark
    public UserRow findById_debugOff(Ids ids) {
        return QueryBenchmark.findUserFiltered(off.dsl(), ids.next());
    }

    @Benchmark
    public UserRow findById_profiler(Ids ids) {
        return QueryBenchmark.findUserFiltered(profiled.dsl(), ids.next());
    }

    @Benchmark
    public UserRow findById_queryLogAndProfiler(Ids ids) {
        return QueryBenchmark.findUserFiltered(loggedAndProfiled.dsl(), ids.next());
    }
}
