package dev.kysera.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A companion to {@link ObservabilityBenchmark} for machines too loaded for JMH's wall-clock
 * numbers: runs the same variants interleaved in one warmed JVM, in rounds with a rotating
 * order, and reports the median thread CPU time, wall time and bytes allocated per operation of
 * each, with the CPU-time ratios to plain jOOQ and to the plugin-free executor. CPU time is not
 * immune to a loaded machine (caches, frequency), but other processes' time does not count in it.
 *
 * <pre>java -cp kysera-benchmarks.jar dev.kysera.benchmarks.ObservabilityCpuProbe sqlite [rounds] [opsPerRound] [variant…]</pre>
 *
 * <p>Naming variants runs only those (plus {@code jooq} and {@code kysera}, the baselines): for a
 * flight recording of one observer's path.
 */
public final class ObservabilityCpuProbe {

    /** The last result of a measured loop (some ids are invisible to the filter, so it may be null). */
    static volatile Object sink;

    private ObservabilityCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "sqlite";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int opsPerRound = args.length > 2 ? Integer.parseInt(args[2]) : ("sqlite".equals(database) ? 2_000 : 300);
        List<String> only = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        BenchDatabase.SeededPostgres postgres = null;
        if ("postgres".equals(database) && System.getProperty(BenchDatabase.POSTGRES_URL_PROPERTY) == null) {
            postgres = BenchDatabase.SeededPostgres.open();
            System.setProperty(BenchDatabase.POSTGRES_URL_PROPERTY, postgres.jdbcUrl());
        }
        ObservabilityBenchmark benchmark = new ObservabilityBenchmark();
        benchmark.database = database;
        benchmark.setUp();
        try {
            System.out.println(run(benchmark, rounds, opsPerRound, only));
        } finally {
            benchmark.tearDown();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Every variant's row; see {@link #run(ObservabilityBenchmark, int, int, List)}. */
    static String run(ObservabilityBenchmark benchmark, int rounds, int opsPerRound) {
        return run(benchmark, rounds, opsPerRound, List.of());
    }

    /**
     * The markdown table of one probe: variant, CPU µs/op, wall µs/op, bytes/op, × jOOQ and
     * × Kysera (CPU); only the baselines and {@code only}'s variants unless it is empty.
     */
    static String run(ObservabilityBenchmark benchmark, int rounds, int opsPerRound, List<String> only) {
        QueryBenchmark.Ids ids = new QueryBenchmark.Ids();
        ids.setUp();
        Map<String, Function<QueryBenchmark.Ids, Object>> variants = new LinkedHashMap<>();
        variants.put("jooq", benchmark::observedFindById_jooq);
        variants.put("kysera", benchmark::observedFindById_kysera);
        variants.put("profiler", benchmark::observedFindById_profiler);
        variants.put("queryLogSink", benchmark::observedFindById_queryLogSink);
        variants.put("queryLogDisabled", benchmark::observedFindById_queryLogDisabled);
        variants.put("micrometerNoHandlers", benchmark::observedFindById_micrometerNoHandlers);
        variants.put("micrometerMetrics", benchmark::observedFindById_micrometerMetrics);
        if (!only.isEmpty()) {
            variants.keySet().removeIf(name -> !name.equals("jooq") && !name.equals("kysera") && !only.contains(name));
        }
        List<String> names = new ArrayList<>(variants.keySet());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 5; warm++) {
            for (String name : names) {
                measure(variants.get(name), ids, opsPerRound, threads);
            }
        }
        Map<String, double[][]> samples = new LinkedHashMap<>();
        names.forEach(name -> samples.put(name, new double[3][rounds]));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size()); // rotate, so no variant always runs after the same one
                double[] perOp = measure(variants.get(name), ids, opsPerRound, threads);
                for (int m = 0; m < perOp.length; m++) {
                    samples.get(name)[m][round] = perOp[m];
                }
            }
        }
        double jooq = median(samples.get("jooq")[0]);
        double kysera = median(samples.get("kysera")[0]);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d rounds of %d ops per variant, medians%n"
                        + "| variant | CPU µs/op | wall µs/op | bytes/op | × jOOQ (CPU) | × Kysera (CPU) |%n"
                        + "|:--|--:|--:|--:|--:|--:|%n", benchmark.database, rounds, opsPerRound));
        for (String name : names) {
            double[][] s = samples.get(name);
            double c = median(s[0]);
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %,.0f | %.2f | %.2f |%n", name, c, median(s[1]), median(s[2]),
                    c / jooq, c / kysera));
        }
        return out.toString();
    }

    /** CPU µs, wall µs and bytes allocated per operation of one loop. */
    private static double[] measure(Function<QueryBenchmark.Ids, Object> variant, QueryBenchmark.Ids ids, int ops,
                                    com.sun.management.ThreadMXBean threads) {
        long thread = Thread.currentThread().threadId();
        long bytesStart = threads.getThreadAllocatedBytes(thread);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        Object last = null;
        for (int i = 0; i < ops; i++) {
            last = variant.apply(ids);
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesStart;
        sink = last; // keeps the results alive, so the JIT cannot drop the work
        return new double[] {cpu / 1e3 / ops, wall / 1e3 / ops, (double) bytes / ops};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
