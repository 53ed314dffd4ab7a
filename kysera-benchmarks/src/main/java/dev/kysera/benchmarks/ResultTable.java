package dev.kysera.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The summary table: one row per benchmark and database, with throughput and the time ratio to
 * plain jOOQ and to both raw-JDBC variants of the same operation on the same database, plus the
 * issue's targets (reported, never asserted).
 */
public final class ResultTable {

    static final String JOOQ = "jooq";
    static final String JDBC_REUSED = "jdbcReused";
    static final String JDBC_PER_CALL = "jdbcPerCall";
    static final List<String> VARIANT_ORDER =
            List.of(JDBC_REUSED, JDBC_PER_CALL, JOOQ, "kysera", "kyseraPlugins", "kyseraPluginsScopedPerCall");

    /**
     * One measured benchmark.
     *
     * @param operation   e.g. {@code findById}
     * @param variant     e.g. {@code kyseraPlugins}
     * @param database    {@code sqlite} or {@code postgres}
     * @param opsPerSecond throughput
     * @param error       the 99.9 % confidence half-width of the throughput (NaN if unknown)
     */
    public record Entry(String operation, String variant, String database, double opsPerSecond, double error) {

        /** Splits a JMH method name {@code operation_variant}. */
        public static Entry of(String methodName, String database, double opsPerSecond, double error) {
            int split = methodName.indexOf('_');
            return split < 0
                    ? new Entry(methodName, "", database, opsPerSecond, error)
                    : new Entry(methodName.substring(0, split), methodName.substring(split + 1), database, opsPerSecond, error);
        }

        double microsPerOp() {
            return 1_000_000.0 / opsPerSecond;
        }
    }

    private final List<Entry> entries;

    public ResultTable(List<Entry> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparing(Entry::operation)
                        .thenComparing(Entry::database, Comparator.comparing(ResultTable::databaseRank))
                        .thenComparing(e -> variantRank(e.variant())))
                .toList();
    }

    private static int databaseRank(String database) {
        return "sqlite".equals(database) ? 0 : 1;
    }

    private static int variantRank(String variant) {
        int index = VARIANT_ORDER.indexOf(variant);
        return index < 0 ? VARIANT_ORDER.size() : index;
    }

    /** Time of {@code entry} over time of the same operation's {@code variant} on the same database. */
    Optional<Double> timeRatio(Entry entry, String variant) {
        return entries.stream()
                .filter(e -> e.operation().equals(entry.operation()) && e.database().equals(entry.database())
                        && e.variant().equals(variant))
                .findFirst()
                .map(base -> base.opsPerSecond() / entry.opsPerSecond());
    }

    /** The target for this variant on this database, as a maximum time ratio to plain jOOQ. */
    static Optional<Double> target(String variant, String database) {
        return switch (variant) {
            case "kysera" -> Optional.of(1.02);
            case "kyseraPlugins" -> Optional.of("sqlite".equals(database) ? 1.3 : 1.05);
            default -> Optional.empty();
        };
    }

    /** The table as GitHub-flavoured Markdown. */
    public String markdown() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "database", "ops/s", "± (99.9 %)", "µs/op", "× jOOQ (time)", "× JDBC reused",
                "× JDBC per call", "target (× jOOQ)"});
        for (Entry entry : entries) {
            Optional<Double> vsJooq = timeRatio(entry, JOOQ);
            String target = target(entry.variant(), entry.database())
                    .map(max -> "≤ " + ratio(max) + (vsJooq.isEmpty() ? "" : vsJooq.get() <= max ? " met" : " **missed**"))
                    .orElse("");
            rows.add(new String[] {
                entry.operation() + " · " + entry.variant(),
                entry.database(),
                String.format(Locale.ROOT, "%,.0f", entry.opsPerSecond()),
                Double.isNaN(entry.error()) ? ""
                        : String.format(Locale.ROOT, "%,.0f", entry.error()) + (entry.error() > entry.opsPerSecond() / 2 ? " (noisy)" : ""),
                String.format(Locale.ROOT, "%.2f", entry.microsPerOp()),
                vsJooq.map(ResultTable::ratio).orElse(""),
                timeRatio(entry, JDBC_REUSED).map(ResultTable::ratio).orElse(""),
                timeRatio(entry, JDBC_PER_CALL).map(ResultTable::ratio).orElse(""),
                target});
        }
        return render(rows);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String render(List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, r == 0);
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < columns; i++) {
                    out.append(i <= 1 ? ":" : "-").append("-".repeat(widths[i])).append(i <= 1 ? "-" : ":").append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] row, int[] widths, boolean header) {
        out.append('|');
        for (int i = 0; i < row.length; i++) {
            String cell = row[i];
            String padding = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(i <= 1 || header ? cell + padding : padding + cell).append(" |");
        }
        out.append('\n');
    }
}
