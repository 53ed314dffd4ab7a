package dev.kysera.audit.internal;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TransactionHandle;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Writes audit rows on the statement's connection: one INSERT per audited statement, a JDBC batch of
 * it when the statement changed several rows, so it is rendered and prepared once however many rows
 * changed (rendering a multi-row VALUES list cost more than everything else the audit of a bulk write did).
 */
final class AuditWriter {

    private final AuditOptions options;
    /** The audit INSERT's SQL per rendering. */
    private final Map<Jdbc.Rendering, String> insertSql = new ConcurrentHashMap<>();
    /** A UUID per open outermost transaction, by the executor's transaction id. */
    private final Map<Long, String> transactionIds = new ConcurrentHashMap<>();

    AuditWriter(AuditOptions options) {
        this.options = options;
    }

    void begun(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            transactionIds.put(transaction.id(), transactionId());
        }
    }

    void ended(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            transactionIds.remove(transaction.id());
        }
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: it only has to be unique, not
     * unguessable, and {@code UUID.randomUUID()}'s {@code SecureRandom} cost more than the audit's
     * JSON of a single-row write.
     */
    static String transactionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private String changedBy(PluginContext context) {
        if (options.changedByFrom() != null) {
            return options.changedByFrom().apply(context);
        }
        return options.changedBy() == null ? null : context.get(options.changedBy()).map(Object::toString).orElse(null);
    }

    void write(DSLContext dsl, AuditColumns columns, List<Change> changes, PluginContext context, TransactionHandle transaction) {
        if (changes.isEmpty()) {
            return;
        }
        String transactionId = transactionIds.computeIfAbsent(transaction.id(), id -> {
            // A transaction begun where this plugin was bypassed: forget it when it ends.
            transaction.afterCommit(() -> transactionIds.remove(id));
            transaction.afterRollback(() -> transactionIds.remove(id));
            return transactionId();
        });
        LocalDateTime now = LocalDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC);
        String changedBy = changedBy(context);
        String metadata = metadata(context);
        String sql = insertSql.computeIfAbsent(Jdbc.Rendering.of(dsl), rendering -> insertSql(dsl, columns));
        boolean sqlite = dsl.dialect().family() == SQLDialect.SQLITE;
        // Rendered once per dialect and bound here: every audit row has the same shape, so jOOQ building and
        // rendering it per write (most of a single-row write's audit cost) bought nothing.
        Jdbc.run(dsl, sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Change change : changes) {
                    bind(statement, change, changedBy, now, sqlite, transactionId, metadata);
                    if (changes.size() > 1) {
                        statement.addBatch();
                    }
                }
                if (changes.size() > 1) {
                    statement.executeBatch();
                } else {
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The audit INSERT as jOOQ renders it for this dialect ({@code cast(? as jsonb)} on PostgreSQL), with one marker per column. */
    private static String insertSql(DSLContext dsl, AuditColumns columns) {
        return dsl.insertInto(columns.table).columns(columns.written)
                .values(columns.written.stream().map(field -> DSL.val(null, field)).toList()).getSQL(ParamType.INDEXED);
    }

    /** Binds one audit row in the order of {@link AuditColumns#written}, as jOOQ binds these types. */
    private void bind(PreparedStatement statement, Change change, String changedBy, LocalDateTime now, boolean sqlite,
                      String transactionId, String metadata) throws SQLException {
        statement.setString(1, change.table().name());
        statement.setString(2, change.key().json());
        statement.setString(3, change.operation().name());
        text(statement, 4, stored(change.table(), change.oldValues()));
        text(statement, 5, stored(change.table(), change.newValues()));
        text(statement, 6, Json.write(change.changedColumns()));
        text(statement, 7, changedBy);
        if (sqlite) {
            statement.setString(8, sqliteText(now));
        } else {
            statement.setObject(8, now);
        }
        text(statement, 9, transactionId);
        text(statement, 10, metadata);
    }

    /**
     * jOOQ's SQLite text for a timestamp, which the audit log reads back: {@code Timestamp.valueOf(time).toString()}
     * ({@code 2026-03-04 05:06:07.0}, fraction trimmed of trailing zeros), written without
     * {@code Timestamp}'s calendar arithmetic for four-digit years.
     */
    static String sqliteText(LocalDateTime time) {
        if (time.getYear() < 1000 || time.getYear() > 9999) {
            return Timestamp.valueOf(time).toString();
        }
        StringBuilder text = new StringBuilder(29).append(time.getYear());
        two(two(two(two(two(text.append('-'), time.getMonthValue()).append('-'), time.getDayOfMonth()).append(' '), time.getHour())
                .append(':'), time.getMinute()).append(':'), time.getSecond()).append('.');
        String nanos = Integer.toString(1_000_000_000 + time.getNano()).substring(1);
        int end = nanos.length();
        while (end > 1 && nanos.charAt(end - 1) == '0') {
            end--;
        }
        return text.append(nanos, 0, end).toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** The JSON stored for a row image: redacted columns replaced, long texts truncated; null for none. */
    private String stored(AuditedTable table, Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        int max = options.maxValueLength();
        if (table.redacted().isEmpty() && max == 0) {
            return Json.write(values);
        }
        Map<String, Object> stored = new LinkedHashMap<>(values);
        stored.replaceAll((column, value) -> {
            if (value == null) {
                return null;
            }
            if (table.redacts(column)) {
                return AuditedTable.REDACTED;
            }
            return max > 0 && value instanceof String text && text.length() > max
                    ? text.substring(0, max) + AuditOptions.TRUNCATED + text.length() + " chars]" : value;
        });
        return Json.write(stored);
    }

    private String metadata(PluginContext context) {
        if (options.metadata() == null) {
            return null;
        }
        Map<String, ?> values = options.metadata().apply(context);
        if (values == null || values.isEmpty()) {
            return null;
        }
        Map<String, Object> normalized = new LinkedHashMap<>();
        values.forEach((k, v) -> normalized.put(k, Json.normalize(v)));
        return Json.write(normalized);
    }
}
