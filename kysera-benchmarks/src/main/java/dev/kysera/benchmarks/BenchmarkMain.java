package dev.kysera.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks through JMH's {@link Runner} with short defaults (1 fork, 3 × 2 s warm-up,
 * 3 × 1 s measurement; jOOQ needs a few seconds of JIT warm-up) and prints the summary table,
 * also written to
 * {@code target/benchmark-results.md} beside the jar.
 *
 * <p>Any JMH command-line option overrides the defaults ({@code -f 3 -wi 5 -i 10},
 * {@code -p database=sqlite}, {@code -prof gc}, a benchmark regex, …). {@code -h} and {@code -l}
 * are handled by JMH itself. When PostgreSQL is among the databases, it is started (embedded, unless
 * {@code KYSERA_TEST_POSTGRES_URL} is set) and seeded once here, and every fork reuses it.
 */
public final class BenchmarkMain {

    /** Flags for every forked benchmark JVM. */
    static final List<String> FORK_JVM_ARGS = List.of(
            "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
            "--enable-native-access=ALL-UNNAMED",
            "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }

        BenchDatabase.SeededPostgres postgres = needsPostgres(cmd) ? startPostgres() : null;
        try {
            Collection<RunResult> results = new Runner(options(cmd, postgres)).run();
            report(results);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static boolean needsPostgres(CommandLineOptions cmd) {
        var databases = cmd.getParameter("database");
        return !databases.hasValue() || databases.get().contains("postgres");
    }

    private static BenchDatabase.SeededPostgres startPostgres() {
        long start = System.nanoTime();
        BenchDatabase.SeededPostgres postgres = BenchDatabase.SeededPostgres.open();
        System.out.printf("# PostgreSQL seeded (%,d users, %,d posts) in %.1f s%n", BenchDatabase.USERS, BenchDatabase.POSTS,
                (System.nanoTime() - start) / 1e9);
        return postgres;
    }

    static org.openjdk.jmh.runner.options.Options options(CommandLineOptions cmd, BenchDatabase.SeededPostgres postgres) {
        OptionsBuilder builder = new OptionsBuilder();
        if (cmd.getIncludes().isEmpty()) {
            builder.include(QueryBenchmark.class.getName());
            builder.include(RepositoryBenchmark.class.getName());
            builder.include(PeerBenchmark.class.getName());
            builder.include(DebugBenchmark.class.getName());
        }
        if (!cmd.getForkCount().hasValue()) {
            builder.forks(1);
        }
        if (!cmd.getWarmupIterations().hasValue()) {
            builder.warmupIterations(3);
        }
        if (!cmd.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.seconds(2));
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(3);
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.seconds(1));
        }
        if (cmd.getBenchModes().isEmpty()) {
            builder.mode(Mode.Throughput);
        }
        if (!cmd.getTimeUnit().hasValue()) {
            builder.timeUnit(TimeUnit.SECONDS);
        }
        if (!cmd.getThreads().hasValue()) {
            builder.threads(1);
        }
        List<String> jvmArgs = new ArrayList<>(cmd.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.addAll(FORK_JVM_ARGS);
        if (postgres != null) {
            jvmArgs.add("-D" + BenchDatabase.POSTGRES_URL_PROPERTY + "=" + postgres.jdbcUrl());
        }
        builder.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        return builder.parent(cmd).build();
    }

    private static void report(Collection<RunResult> results) throws IOException {
        List<ResultTable.Entry> entries = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String database = Optional.ofNullable(result.getParams().getParam("database")).orElse("?");
            var primary = result.getPrimaryResult();
            double score = primary.getScore();
            double error = primary.getScoreError();
            if (result.getParams().getMode() != Mode.Throughput) {
                System.out.println("# The table needs throughput mode; " + benchmark + " ran in " + result.getParams().getMode());
                continue;
            }
            double perSecond = score * perSecondFactor(primary.getScoreUnit());
            entries.add(ResultTable.Entry.of(method, database, perSecond, error * perSecondFactor(primary.getScoreUnit())));
        }
        String table = new ResultTable(entries).markdown();
        String header = "Kysera benchmarks, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " — JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n"
                + "Ratios are time ratios (lower is better): the row's time per operation over the named baseline's.\n";
        System.out.println();
        System.out.println(header);
        System.out.println(table);
        Path file = resultsFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + header + "\n" + table);
        System.out.println("Written to " + file);
    }

    /** JMH units for throughput look like {@code ops/s}, {@code ops/ms}, {@code ops/us}. */
    private static double perSecondFactor(String unit) {
        return switch (unit.substring(unit.indexOf('/') + 1)) {
            case "ms" -> 1e3;
            case "us" -> 1e6;
            case "ns" -> 1e9;
            case "min" -> 1.0 / 60;
            default -> 1;
        };
    }

    /** {@code target/benchmark-results.md} beside the jar (or the classes directory). */
    static Path resultsFile() {
        try {
            Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("benchmark-results.md");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("kysera-benchmarks", "target", "benchmark-results.md");
        }
    }
}
