package dev.kysera.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs {@link ObservabilityBenchmark} alone, with {@link BenchmarkMain}'s short defaults and
 * database setup, and prints each variant's time per operation as a ratio to plain jOOQ and to
 * the plugin-free executor measured in the same run.
 */
public final class ObservabilityBenchmarkMain {

    private ObservabilityBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(ObservabilityBenchmark.class.getName());
        CommandLineOptions cmd = new CommandLineOptions(all.toArray(String[]::new));
        var databases = cmd.getParameter("database");
        BenchDatabase.SeededPostgres postgres = !databases.hasValue() || databases.get().contains("postgres")
                ? BenchDatabase.SeededPostgres.open() : null;
        try {
            Collection<RunResult> results = new Runner(BenchmarkMain.options(cmd, postgres)).run();
            System.out.println();
            System.out.println(table(results));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** One row per variant and database: µs/op, ± (99.9 %), × jOOQ and × Kysera (time ratios). */
    static String table(Collection<RunResult> results) {
        record Row(String variant, String database, double micros, double errorMicros) {
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String variant = benchmark.substring(benchmark.lastIndexOf('_') + 1);
            double opsPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double micros = 1e6 / opsPerSecond;
            // The half-width in ops/s, seen as time: the larger side of the interval.
            double errorMicros = opsPerSecond > error ? 1e6 / (opsPerSecond - error) - micros : Double.NaN;
            rows.add(new Row(variant, result.getParams().getParam("database"), micros, errorMicros));
        }
        StringBuilder out = new StringBuilder("| variant | database | µs/op | ± µs | × jOOQ | × Kysera |\n|:--|:--|--:|--:|--:|--:|\n");
        for (Row row : rows) {
            Optional<Row> jooq = rows.stream().filter(r -> r.database().equals(row.database()) && r.variant().equals("jooq")).findFirst();
            Optional<Row> kysera = rows.stream().filter(r -> r.database().equals(row.database()) && r.variant().equals("kysera")).findFirst();
            out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s |%n", row.variant(), row.database(), row.micros(),
                    row.errorMicros(), jooq.map(b -> String.format(Locale.ROOT, "%.2f", row.micros() / b.micros())).orElse(""),
                    kysera.map(b -> String.format(Locale.ROOT, "%.2f", row.micros() / b.micros())).orElse("")));
        }
        return out.toString();
    }
}
