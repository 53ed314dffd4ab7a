package dev.kysera.audit.internal;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TransactionHandle;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Writes audit rows, with one multi-row INSERT per 500 changes, on the statement's connection. */
final class AuditWriter {

    private static final int CHUNK = 500;

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
        String metadata = metadata(context);
        for (int from = 0; from < changes.size(); from += CHUNK) {
            InsertValuesStepN<Record> insert = dsl.insertInto(columns.table).columns(List.of(columns.tableName, columns.entityKey,
                    columns.operation, columns.oldValues, columns.newValues, columns.changedColumns, columns.changedBy, columns.changedAt,
                    columns.transactionId, columns.metadata));
            for (Change change : changes.subList(from, Math.min(changes.size(), from + CHUNK))) {
                List<Field<?>> row = new ArrayList<>(10);
                row.add(DSL.val(change.table().name(), columns.tableName));
                row.add(DSL.val(change.key().json(), columns.entityKey));
                row.add(DSL.val(change.operation().name(), columns.operation));
                row.add(columns.jsonValue(stored(change.table(), change.oldValues())));
                row.add(columns.jsonValue(stored(change.table(), change.newValues())));
                row.add(columns.jsonValue(Json.write(change.changedColumns())));
                row.add(DSL.val(changedBy, columns.changedBy));
                row.add(DSL.val(now, columns.changedAt));
                row.add(DSL.val(transactionId, columns.transactionId));
                row.add(columns.jsonValue(metadata));
                insert = insert.values(row);
            }
            insert.execute();
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
