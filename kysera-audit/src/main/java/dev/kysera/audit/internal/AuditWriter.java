package dev.kysera.audit.internal;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TransactionHandle;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Insert;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Writes audit rows on the statement's connection: one INSERT per audited statement, a JDBC batch of
 * it when the statement changed several rows, so it is rendered and prepared once however many rows
 * changed (rendering a multi-row VALUES list cost more than everything else the audit of a bulk write did).
 */
final class AuditWriter {

    private final AuditOptions options;
    /** A UUID per open outermost transaction, by the executor's transaction id. */
    private final Map<Long, String> transactionIds = new ConcurrentHashMap<>();

    AuditWriter(AuditOptions options) {
        this.options = options;
    }

    void begun(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            transactionIds.put(transaction.id(), UUID.randomUUID().toString());
        }
    }

    void ended(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            transactionIds.remove(transaction.id());
        }
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
            return UUID.randomUUID().toString();
        });
        LocalDateTime now = LocalDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC);
        String changedBy = changedBy(context);
        Object metadata = columns.jsonBind(metadata(context));
        Object[] first = values(columns, changes.getFirst(), changedBy, now, transactionId, metadata);
        // Built per write, not shared: jOOQ binds a batch's values into its query when statements are static.
        Insert<Record> insert = dsl.insertInto(columns.table).columns(columns.written)
                .values(IntStream.range(0, first.length).mapToObj(i -> DSL.val(first[i], columns.written.get(i))).toList());
        if (changes.size() == 1) {
            insert.execute();
            return;
        }
        BatchBindStep batch = dsl.batch(insert).bind(first);
        for (Change change : changes.subList(1, changes.size())) {
            batch = batch.bind(values(columns, change, changedBy, now, transactionId, metadata));
        }
        batch.execute();
    }

    /** The values of one audit row, in the order of {@link AuditColumns#written}. */
    private Object[] values(AuditColumns columns, Change change, String changedBy, LocalDateTime now, String transactionId,
                            Object metadata) {
        return new Object[] {change.table().name(), change.key().json(), change.operation().name(),
                columns.jsonBind(stored(change.table(), change.oldValues())), columns.jsonBind(stored(change.table(), change.newValues())),
                columns.jsonBind(Json.write(change.changedColumns())), changedBy, now, transactionId, metadata};
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
