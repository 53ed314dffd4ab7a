package dev.kysera.micrometer.internal;

import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableRole;
import dev.kysera.executor.plan.TableUse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Operation name, collection, summary, query text and parameters of a statement event, per the conventions. */
public final class Statements {

    /** The longest query summary kept (the conventions ask for a short, low-cardinality string). */
    static final int MAX_SUMMARY = 255;

    /** First keywords of statements the executor does not model that are kept as operation names (a fixed set). */
    private static final Set<String> KEYWORDS = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "CALL", "SET", "SHOW", "PRAGMA",
            "EXPLAIN", "GRANT", "REVOKE", "COMMENT", "ANALYZE", "VACUUM", "LOCK", "COPY", "DO", "RENAME", "REPLACE", "VALUES",
            "WITH", "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "EXECUTE", "REFRESH", "REINDEX", "CLUSTER", "LISTEN",
            "NOTIFY", "USE", "OPTIMIZE", "CHECKPOINT", "SCRIPT", "RUNSCRIPT", "BACKUP");

    private Statements() {
    }

    /** Executions in a JDBC batch: statements of a multi-statement batch, else bound rows. */
    public static int batchSize(StatementEvent event) {
        if (!event.batch()) {
            return 0;
        }
        return event.plans().size() > 1 ? event.plans().size() : event.binds().size();
    }

    /** {@code SELECT}, {@code BATCH INSERT}, {@code BATCH}, a DDL keyword, or {@code OTHER}: a bounded set. */
    public static String operationName(StatementEvent event, int batchSize) {
        String single = commonKind(event.plans())
                .map(kind -> kind == StatementKind.OTHER ? keyword(event.sql()) : kind.name()).orElse(null);
        if (batchSize >= 2) {
            return single == null || single.equals("OTHER") ? "BATCH" : "BATCH " + single;
        }
        return single == null ? "OTHER" : single;
    }

    private static java.util.Optional<StatementKind> commonKind(List<StatementPlan> plans) {
        StatementKind kind = plans.getFirst().kind();
        for (StatementPlan plan : plans) {
            if (plan.kind() != kind) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(kind);
    }

    /** The statement's first keyword if it is one of a fixed set, else {@code OTHER}. */
    static String keyword(List<String> sql) {
        if (sql.isEmpty()) {
            return "OTHER";
        }
        String text = sql.getFirst();
        int start = 0;
        while (start < text.length() && !Character.isLetter(text.charAt(start))) {
            if (text.startsWith("--", start) || text.startsWith("/*", start)) {
                return "OTHER"; // comments before the keyword: not worth a lexer here
            }
            start++;
        }
        int end = start;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        String word = text.substring(start, end).toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(word) ? word : "OTHER";
    }

    /** The written table, else the first table of the top-level FROM, else the first table; the same for every statement of a batch. */
    public static String collectionName(List<StatementPlan> plans) {
        String first = collectionName(plans.getFirst());
        for (StatementPlan plan : plans) {
            String name = collectionName(plan);
            if (name == null || !name.equals(first)) {
                return null;
            }
        }
        return first;
    }

    private static String collectionName(StatementPlan plan) {
        if (plan.target() != null) {
            return plan.target().name();
        }
        for (TableUse use : plan.tables()) {
            if (use.role() == TableRole.SOURCE) {
                return use.table().name();
            }
        }
        return plan.tables().isEmpty() ? null : plan.tables().getFirst().table().name();
    }

    /** {@code <operation> <tables in order, target first, each once>}, cut to {@value #MAX_SUMMARY} characters. */
    public static String summary(String operationName, List<StatementPlan> plans) {
        Set<String> tables = new LinkedHashSet<>();
        for (StatementPlan plan : plans) {
            if (plan.target() != null) {
                tables.add(plan.target().name());
            }
            for (TableUse use : plan.tables()) {
                tables.add(use.table().name());
            }
        }
        StringBuilder summary = new StringBuilder(operationName);
        for (String table : tables) {
            if (summary.length() + 1 + table.length() > MAX_SUMMARY) {
                break;
            }
            summary.append(' ').append(table);
        }
        return summary.toString();
    }

    /**
     * The SQL as sent (statements of a batch separated by {@code ;}), its literals replaced by
     * {@code ?} if {@code sanitize}, cut to {@code max} characters.
     */
    public static String queryText(List<String> sql, org.jooq.SQLDialect dialect, boolean sanitize, int max) {
        String text = sql.size() == 1 ? sql.getFirst() : String.join("; ", sql);
        return cut(sanitize ? dev.kysera.debug.SqlSanitizer.sanitize(text, dialect) : text, max);
    }

    /** The first executed row's bind values, rendered and cut. */
    public static List<String> parameters(List<List<Object>> binds, int maxValues, int maxLength) {
        if (binds.isEmpty()) {
            return List.of();
        }
        List<Object> row = binds.getFirst();
        List<String> values = new ArrayList<>(Math.min(row.size(), maxValues));
        for (int i = 0; i < row.size() && i < maxValues; i++) {
            values.add(cut(render(row.get(i)), maxLength));
        }
        return values;
    }

    private static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        return String.valueOf(value);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
