package dev.kysera.audit;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One row of the audit log: one change of one row of an audited table.
 *
 * @param id             the entry's id, increasing in the order entries were written
 * @param table          the audited table
 * @param key            the row's primary key, column to value
 * @param operation      what happened
 * @param oldValues      the row before (empty for an insert), excluded columns left out
 * @param newValues      the row after (empty for a delete)
 * @param changedColumns the columns whose value changed: for an insert those stored non-null, for a delete every stored column
 * @param changedBy      who, from the context attribute configured in {@link AuditOptions#changedBy()} or computed by
 *                       {@link AuditOptions#changedByFrom()}; may be null
 * @param changedAt      when, from the configured clock, as UTC wall-clock time
 * @param transactionId  identifies the transaction: entries written in one transaction share it
 * @param metadata       the configured extra attributes (empty if none)
 */
public record AuditEntry(long id, String table, Map<String, Object> key, AuditOperation operation, Map<String, Object> oldValues,
                         Map<String, Object> newValues, List<String> changedColumns, String changedBy, LocalDateTime changedAt,
                         String transactionId, Map<String, Object> metadata) {
}
