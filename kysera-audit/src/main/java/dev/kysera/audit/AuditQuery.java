package dev.kysera.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A filter over the audit log, for {@link AuditLog#find(AuditQuery)}: every criterion is optional,
 * results come in write order (by id) and are paged by keyset ({@link #afterId}), which stays
 * stable while new entries are written.
 *
 * @param table     only this audited table
 * @param key       only this row (needs {@code table}); its key values in the configured order
 * @param operation only this operation
 * @param changedBy only changes by this user
 * @param from      only entries written at or after this instant
 * @param to        only entries written before this instant
 * @param afterId   only entries with a larger id: the last id of the previous page
 * @param limit     at most this many entries (1 to 10 000)
 */
public record AuditQuery(String table, List<Object> key, AuditOperation operation, String changedBy, Instant from, Instant to,
                         long afterId, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        key = key == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
        if (key != null && table == null) {
            throw new IllegalArgumentException("A key filter needs the table");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** Everything, 100 entries per page. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, 0, 100);
    }

    /** Only this table. */
    public AuditQuery table(String value) {
        return new AuditQuery(Objects.requireNonNull(value, "table"), key, operation, changedBy, from, to, afterId, limit);
    }

    /** Only this row of the table. */
    public AuditQuery row(String tableName, Object... keyValues) {
        return new AuditQuery(Objects.requireNonNull(tableName, "table"), List.of(keyValues), operation, changedBy, from, to, afterId, limit);
    }

    /** Only this operation. */
    public AuditQuery operation(AuditOperation value) {
        return new AuditQuery(table, key, value, changedBy, from, to, afterId, limit);
    }

    /** Only changes by this user. */
    public AuditQuery changedBy(String value) {
        return new AuditQuery(table, key, operation, value, from, to, afterId, limit);
    }

    /** Only entries written in {@code [fromInclusive, toExclusive)}; either may be null. */
    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(table, key, operation, changedBy, fromInclusive, toExclusive, afterId, limit);
    }

    /** The page after the entry with this id. */
    public AuditQuery afterId(long value) {
        return new AuditQuery(table, key, operation, changedBy, from, to, value, limit);
    }

    /** At most this many entries. */
    public AuditQuery limit(int value) {
        return new AuditQuery(table, key, operation, changedBy, from, to, afterId, value);
    }
}
