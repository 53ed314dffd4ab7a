package dev.kysera.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Thread CPU time, wall time and allocation per operation of every {@link PeerBenchmark} variant,
 * in one warmed JVM with the variants interleaved round by round, medians reported with each row's
 * ratio to raw JDBC and issue 17's target. For a machine too busy for JMH: another process taking
 * the CPU stretches wall time, not this thread's CPU time (on PostgreSQL the server's work is in
 * neither; the wall column shows it, noisily).
 *
 * <p>{@code java -cp kysera-benchmarks.jar dev.kysera.benchmarks.PeerCpuProbe [sqlite|postgres] [rounds] [readsPerRound] [methodRegex]};
 * inserts run half as many calls, create-many one per 500 reads (at least 2). Created users are
 * deleted between rounds, outside the measured time. A method regex (e.g.
 * {@code 'peerFindById_kyseraPlugins'}) runs only the matching variants, for a profiler.
 */
public final class PeerCpuProbe {

    private PeerCpuProbe() {
    }

    /** One measured sample of a variant: per-operation medians are taken over these. */
    private record Sample(double cpuMicros, double wallMicros, double bytes) {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "sqlite";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int reads = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Pattern only = Pattern.compile(args.length > 3 ? args[3] : ".*");
        PeerBenchmark benchmark = new PeerBenchmark();
        benchmark.database = database;
        benchmark.setUp();
        QueryBenchmark.Ids ids = new QueryBenchmark.Ids();
        ids.setUp();
        RepositoryBenchmark.Inputs inputs = new RepositoryBenchmark.Inputs();
        inputs.setUp();
        List<Method> methods = BenchmarkMethods.of(PeerBenchmark.class, "").stream()
                .filter(m -> only.matcher(m.getName()).matches())
                .toList();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        int warmup = Math.max(3, rounds / 3);
        for (int round = 0; round < warmup + rounds; round++) {
            // rotate the order so no variant always runs right after the same one
            for (int m = 0; m < methods.size(); m++) {
                Method method = methods.get((m + round) % methods.size());
                Object state = method.getParameterTypes()[0] == QueryBenchmark.Ids.class ? ids : inputs;
                int calls = calls(method.getName(), reads);
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                long bytes = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < calls; i++) {
                    BenchmarkMethods.invoke(method, benchmark, state);
                }
                Sample sample = new Sample((threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / calls,
                        (System.nanoTime() - wall) / 1_000.0 / calls, (threads.getThreadAllocatedBytes(thread) - bytes) / (double) calls);
                benchmark.deleteCreatedUsers();
                if (round >= warmup) {
                    samples.computeIfAbsent(method.getName(), key -> new ArrayList<>()).add(sample);
                }
            }
        }
        benchmark.tearDown();
        System.out.print(table(database, samples));
    }

    private static int calls(String method, int reads) {
        if (method.startsWith("peerCreateMany_")) {
            return Math.max(2, reads / 500);
        }
        return method.startsWith("peerCreate_") ? Math.max(1, reads / 2) : reads;
    }

    /** The Markdown table: one row per variant, ratios to the operation's raw-JDBC floor in CPU time. */
    static String table(String database, Map<String, List<Sample>> samples) {
        Map<String, Double> cpuMedians = new LinkedHashMap<>();
        samples.forEach((name, list) -> cpuMedians.put(name, median(list.stream().mapToDouble(Sample::cpuMicros).toArray())));
        StringBuilder out = new StringBuilder("| variant (" + database + ") | CPU µs/op | spread (min–max) | wall µs/op | bytes/op | × JDBC (CPU) | target |\n"
                + "|:--|--:|--:|--:|--:|--:|:--|\n");
        samples.keySet().stream().sorted(Comparator.comparing((String name) -> name.substring(0, name.indexOf('_')))
                .thenComparing(name -> ResultTable.VARIANT_ORDER.indexOf(name.substring(name.indexOf('_') + 1)))).forEach(name -> {
                    String operation = name.substring(0, name.indexOf('_'));
                    String variant = name.substring(name.indexOf('_') + 1);
                    List<Sample> list = samples.get(name);
                    double[] cpu = list.stream().mapToDouble(Sample::cpuMicros).sorted().toArray();
                    Double floor = Optional.ofNullable(cpuMedians.get(operation + "_" + ResultTable.JDBC_REUSED))
                            .orElse(cpuMedians.get(operation + "_" + ResultTable.JDBC_BATCH));
                    double ratio = floor == null ? Double.NaN : cpuMedians.get(name) / floor;
                    String target = ResultTable.jdbcTarget(operation, variant, database)
                            .map(max -> "≤ " + format(max) + (Double.isNaN(ratio) ? "" : ratio <= max ? " met" : " **missed**"))
                            .orElse("");
                    out.append(String.format(Locale.ROOT, "| %s · %s | %.2f | %.2f–%.2f | %.2f | %,.0f | %s | %s |%n", operation, variant,
                            cpuMedians.get(name), cpu[0], cpu[cpu.length - 1],
                            median(list.stream().mapToDouble(Sample::wallMicros).toArray()),
                            median(list.stream().mapToDouble(Sample::bytes).toArray()), format(ratio), target));
                });
        return out.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
