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
    /** The naive JDBC batch: the JDBC baseline of operations that have no {@code jdbcReused} variant (create-many). */
    static final String JDBC_BATCH = "jdbcBatch";
    static final List<String> VARIANT_ORDER = List.of(JDBC_REUSED, JDBC_PER_CALL, JDBC_BATCH, "jdbcMultiRow", JOOQ,
            "jdbi", "hibernate", "kysera", "kyseraPlugins", "kyseraPluginsShape", "kyseraPluginsUncached", "kyseraPluginsScopedPerCall", "kyseraRepo", "kyseraRepoPlugins");

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

    /** Time ratio to the operation's raw-JDBC floor: {@code jdbcReused}, or the naive {@code jdbcBatch} where there is none. */
    Optional<Double> jdbcRatio(Entry entry) {
        return timeRatio(entry, JDBC_REUSED).or(() -> timeRatio(entry, JDBC_BATCH));
    }

    /**
     * The performance anchors' targets for the repository, as a maximum time ratio to the
     * operation's JDBC floor ({@link #jdbcRatio}): with plugins, find by id ≤ 2.0× on SQLite and
     * ≤ 1.1× on PostgreSQL; create-many on PostgreSQL faster than the naive batch.
     */
    static Optional<Double> jdbcTarget(String operation, String variant, String database) {
        if ("kyseraPlugins".equals(variant) && operation.startsWith("peer")) {
            return Optional.of(peerTarget(operation, "sqlite".equals(database)));
        }
        if (!"kyseraRepoPlugins".equals(variant)) {
            return Optional.empty();
        }
        return switch (operation) {
            case "repoFindById" -> Optional.of("sqlite".equals(database) ? 2.0 : 1.1);
            case "repoCreateMany" -> "postgres".equals(database) ? Optional.of(1.0) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Issue 17's targets for {@link PeerBenchmark}'s Kysera-with-plugins rows, as a maximum time
     * ratio to raw JDBC (create-many: to the naive batch).
     */
    private static double peerTarget(String operation, boolean sqlite) {
        return switch (operation) {
            case "peerFindById" -> sqlite ? 2.0 : 1.1;
            case "peerUserPosts" -> sqlite ? 3.0 : 1.05;
            case "peerCreate" -> sqlite ? 1.7 : 1.05;
            case "peerCreateMany" -> sqlite ? 0.9 : 0.5;
            default -> throw new IllegalArgumentException("No issue 17 target for " + operation);
        };
    }

    /**
     * Issue 9's target for this variant of a {@link QueryBenchmark} operation on this database, as a
     * maximum time ratio to plain jOOQ.
     */
    static Optional<Double> target(String operation, String variant, String database) {
        if (operation.startsWith("peer")) {
            return Optional.empty();
        }
        return switch (variant) {
            case "kysera" -> Optional.of(1.02);
            case "kyseraPlugins" -> Optional.of("sqlite".equals(database) ? 1.3 : 1.05);
            default -> Optional.empty();
        };
    }

    /**
     * The table as GitHub-flavoured Markdown. The "× JDBC reused" column falls back to the naive
     * batch for create-many; a "target (× JDBC)" column is added only when a row has such a target.
     */
    public String markdown() {
        boolean jdbcTargets = entries.stream().anyMatch(e -> jdbcTarget(e.operation(), e.variant(), e.database()).isPresent());
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("benchmark", "database", "ops/s", "± (99.9 %)", "µs/op", "× jOOQ (time)",
                "× JDBC reused", "× JDBC per call", "target (× jOOQ)"));
        if (jdbcTargets) {
            header.add("target (× JDBC)");
        }
        rows.add(header.toArray(String[]::new));
        for (Entry entry : entries) {
            Optional<Double> vsJooq = timeRatio(entry, JOOQ);
            Optional<Double> vsJdbc = jdbcRatio(entry);
            String target = target(entry.operation(), entry.variant(), entry.database())
                    .map(max -> "≤ " + ratio(max) + (vsJooq.isEmpty() ? "" : vsJooq.get() <= max ? " met" : " **missed**"))
                    .orElse("");
            List<String> row = new ArrayList<>(List.of(
                entry.operation() + " · " + entry.variant(),
                entry.database(),
                String.format(Locale.ROOT, "%,.0f", entry.opsPerSecond()),
                Double.isNaN(entry.error()) ? ""
                        : String.format(Locale.ROOT, "%,.0f", entry.error()) + (entry.error() > entry.opsPerSecond() / 2 ? " (noisy)" : ""),
                String.format(Locale.ROOT, "%.2f", entry.microsPerOp()),
                vsJooq.map(ResultTable::ratio).orElse(""),
                vsJdbc.map(ResultTable::ratio).orElse(""),
                timeRatio(entry, JDBC_PER_CALL).map(ResultTable::ratio).orElse(""),
                target));
            if (jdbcTargets) {
                // "Faster than" (a target of 1.00) is strict; the others are upper bounds.
                row.add(jdbcTarget(entry.operation(), entry.variant(), entry.database())
                        .map(max -> (max == 1.0 ? "< " : "≤ ") + ratio(max) + (vsJdbc.isEmpty() ? ""
                                : (max == 1.0 ? vsJdbc.get() < max : vsJdbc.get() <= max) ? " met" : " **missed**"))
                        .orElse(""));
            }
            rows.add(row.toArray(String[]::new));
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
