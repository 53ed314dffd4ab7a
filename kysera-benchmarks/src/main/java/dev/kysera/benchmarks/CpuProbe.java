package dev.kysera.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thread CPU time and allocation per operation of the {@link QueryBenchmark} and
 * {@link RepositoryBenchmark} variants on SQLite in memory, measured in one warmed JVM with the
 * variants interleaved round by round, medians reported. For a machine too busy for JMH's wall
 * times: another process taking the CPU stretches wall time, not this thread's CPU time. Not a
 * substitute for a JMH run on a quiet machine (caches and frequency still suffer under load).
 *
 * <p>{@code java -cp kysera-benchmarks.jar dev.kysera.benchmarks.CpuProbe [rounds] [callsPerRound]}
 */
public final class CpuProbe {

    private CpuProbe() {
    }

    /** One variant: what it runs per call. */
    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        QueryBenchmark query = new QueryBenchmark();
        query.database = "sqlite";
        query.setUp();
        RepositoryBenchmark repository = new RepositoryBenchmark();
        repository.database = "sqlite";
        repository.setUp();
        QueryBenchmark.Ids ids = new QueryBenchmark.Ids();
        ids.setUp();
        Map<String, Call> variants = new LinkedHashMap<>();
        variants.put("findById · jdbcReused", () -> query.findById_jdbcReused(ids));
        variants.put("findById · jooq", () -> query.findById_jooq(ids));
        variants.put("findById · kysera", () -> query.findById_kysera(ids));
        variants.put("findById · kyseraPlugins", () -> query.findById_kyseraPlugins(ids));
        variants.put("findById · kyseraPluginsUncached", () -> query.findById_kyseraPluginsUncached(ids));
        variants.put("findById · kyseraPluginsScopedPerCall", () -> query.findById_kyseraPluginsScopedPerCall(ids));
        variants.put("userPosts · jdbcReused", () -> query.userPosts_jdbcReused(ids));
        variants.put("userPosts · jooq", () -> query.userPosts_jooq(ids));
        variants.put("userPosts · kysera", () -> query.userPosts_kysera(ids));
        variants.put("userPosts · kyseraPlugins", () -> query.userPosts_kyseraPlugins(ids));
        variants.put("userPosts · kyseraPluginsUncached", () -> query.userPosts_kyseraPluginsUncached(ids));
        variants.put("repoFindById · jdbcReused", () -> repository.repoFindById_jdbcReused(ids));
        variants.put("repoFindById · jooq", () -> repository.repoFindById_jooq(ids));
        variants.put("repoFindById · kyseraRepo", () -> repository.repoFindById_kyseraRepo(ids));
        variants.put("repoFindById · kyseraRepoPlugins", () -> repository.repoFindById_kyseraRepoPlugins(ids));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        Object sink = null;
        // The first third of the rounds warm the JIT up and are not counted.
        int warmup = Math.max(3, rounds / 3);
        for (int round = 0; round < warmup + rounds; round++) {
            for (Map.Entry<String, Call> variant : variants.entrySet()) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < calls; i++) {
                    sink = variant.getValue().run();
                }
                double cpuPerOp = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / calls;
                double bytesPerOp = (threads.getThreadAllocatedBytes(thread) - bytes) / (double) calls;
                if (round >= warmup) {
                    samples.get(variant.getKey()).add(new double[] {cpuPerOp, bytesPerOp});
                }
            }
        }
        System.out.println("| variant (SQLite in memory) | CPU µs/op (median) | spread (min–max) | bytes/op (median) |");
        System.out.println("|:--|--:|--:|--:|");
        for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
            double[] cpu = entry.getValue().stream().mapToDouble(s -> s[0]).sorted().toArray();
            double[] bytes = entry.getValue().stream().mapToDouble(s -> s[1]).sorted().toArray();
            System.out.printf("| %s | %.2f | %.2f–%.2f | %,.0f |%n", entry.getKey(), median(cpu), cpu[0], cpu[cpu.length - 1],
                    median(bytes));
        }
        System.out.println("(last result: " + sink + ")");
        repository.tearDown();
        query.tearDown();
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
