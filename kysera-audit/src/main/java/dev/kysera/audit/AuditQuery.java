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

    /**
     * Validates the criteria and copies the key.
     *
     * @throws IllegalArgumentException for a key without a table, or a limit outside 1 to {@value #MAX_LIMIT}
     */
    public AuditQuery {
        key = key == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
        if (key != null && table == null) {
            throw new IllegalArgumentException("A key filter needs the table");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /**
     * The query to narrow down.
     *
     * @return a query for every entry, 100 entries per page
     */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, 0, 100);
    }

    /**
     * Narrows the query to one audited table.
     *
     * @param value the table's name
     * @return a copy with this table (and this query's key, if it has one)
     * @throws NullPointerException for a null table
     */
    public AuditQuery table(String value) {
        return new AuditQuery(Objects.requireNonNull(value, "table"), key, operation, changedBy, from, to, afterId, limit);
    }

    /**
     * Narrows the query to one row.
     *
     * @param tableName the audited table's name
     * @param keyValues the row's key values, in the configured order
     * @return a copy with this table and key
     * @throws NullPointerException for a null table or key value
     */
    public AuditQuery row(String tableName, Object... keyValues) {
        return new AuditQuery(Objects.requireNonNull(tableName, "table"), List.of(keyValues), operation, changedBy, from, to, afterId, limit);
    }

    /**
     * Narrows the query to one operation.
     *
     * @param value the operation, or null for any
     * @return a copy with this operation
     */
    public AuditQuery operation(AuditOperation value) {
        return new AuditQuery(table, key, value, changedBy, from, to, afterId, limit);
    }

    /**
     * Narrows the query to one user's changes.
     *
     * @param value the stored {@code changed_by}, or null for anyone
     * @return a copy with this user
     */
    public AuditQuery changedBy(String value) {
        return new AuditQuery(table, key, operation, value, from, to, afterId, limit);
    }

    /**
     * Narrows the query to a period.
     *
     * @param fromInclusive the first instant, or null for no lower bound
     * @param toExclusive   the end, or null for no upper bound
     * @return a copy with this period
     */
    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(table, key, operation, changedBy, fromInclusive, toExclusive, afterId, limit);
    }

    /**
     * Moves to the next page.
     *
     * @param value the last id of the previous page
     * @return a copy reading only entries with a larger id
     */
    public AuditQuery afterId(long value) {
        return new AuditQuery(table, key, operation, changedBy, from, to, value, limit);
    }

    /**
     * Sets the page size.
     *
     * @param value at most this many entries, 1 to {@value #MAX_LIMIT}
     * @return a copy with this limit
     * @throws IllegalArgumentException for a limit outside 1 to {@value #MAX_LIMIT}
     */
    public AuditQuery limit(int value) {
        return new AuditQuery(table, key, operation, changedBy, from, to, afterId, value);
    }
}
