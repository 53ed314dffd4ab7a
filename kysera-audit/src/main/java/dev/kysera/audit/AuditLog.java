package dev.kysera.audit;

import dev.kysera.audit.internal.AuditColumns;
import dev.kysera.audit.internal.Json;
import dev.kysera.audit.internal.Rows;
import dev.kysera.audit.internal.StoredValues;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.BypassToken;
import dev.kysera.executor.Executor;
import dev.kysera.executor.TableReference;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reads and restores the audit log. Get one from {@link AuditPlugin#log}. Thread-safe.
 *
 * <p>History is as visible as the row: an entry is read only if the log's executor can read its
 * row in the audited table now — checked in SQL through that executor, so row-level security,
 * tenant filters and soft delete decide (a tenant never reads another tenant's history). Entries of
 * rows that no longer exist, or that the executor cannot see, are read only through
 * {@link #everyEntry(BypassToken)}. Writes (restore) run through the executor with all its plugins.
 * The audit table itself is read and purged by this class alone, with a plugin-free context on the
 * executor's connections (joining the transaction open on the current thread).
 */
public final class AuditLog {

    private static final int PURGE_BATCH = 1000;

    private final AuditPlugin plugin;
    private final Executor executor;
    private final boolean everyEntry;

    AuditLog(AuditPlugin plugin, Executor executor) {
        this(plugin, executor, false);
    }

    private AuditLog(AuditPlugin plugin, Executor executor, boolean everyEntry) {
        this.plugin = plugin;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.everyEntry = everyEntry;
    }

    /**
     * This log, reading every entry — also of rows the executor cannot see or that no longer exist
     * (hard-deleted rows, to restore them): for administrators and maintenance. Restores still run
     * through the executor with all its plugins.
     *
     * @param token the audit plugin's {@link AuditPlugin#bypassToken()}
     * @return a log over the same executor that filters no entry out
     * @throws IllegalArgumentException if the token is not this plugin's
     */
    public AuditLog everyEntry(BypassToken token) {
        if (token != plugin.bypassToken()) {
            throw new IllegalArgumentException("Reading every audit entry needs the audit plugin's bypass token");
        }
        return new AuditLog(plugin, executor, true);
    }

    /**
     * Every entry of one row, oldest first (in the order they were written: a row's entries are
     * written while its lock is held, so this is the order of its changes).
     *
     * @param table the audited table's name
     * @param key   the primary key values, in the order configured for the table
     * @return the row's entries; empty if the executor cannot see the row
     * @throws IllegalArgumentException if the table is not audited or the key has the wrong arity
     */
    public List<AuditEntry> history(String table, Object... key) {
        AuditedTable audited = audited(table);
        AuditColumns columns = columns();
        return select(columns, columns.tableName.eq(audited.name()).and(columns.entityKey.eq(Rows.key(audited, Arrays.asList(key)).json())),
                0, columns.id.asc());
    }

    /**
     * The changes of a period, of every audited table.
     *
     * @param from the first instant (inclusive)
     * @param to   the end (exclusive)
     * @return the visible entries written in {@code [from, to)}, by time then id
     */
    public List<AuditEntry> changes(Instant from, Instant to) {
        AuditColumns columns = columns();
        return select(columns, columns.changedAt.ge(utc(from)).and(columns.changedAt.lt(utc(to))), 0, columns.changedAt.asc(),
                columns.id.asc());
    }

    /**
     * The changes of a period, of one audited table.
     *
     * @param table the audited table's name
     * @param from  the first instant (inclusive)
     * @param to    the end (exclusive)
     * @return the visible entries of {@code table} written in {@code [from, to)}, by time then id
     * @throws IllegalArgumentException if the table is not audited
     */
    public List<AuditEntry> changes(String table, Instant from, Instant to) {
        AuditColumns columns = columns();
        return select(columns, columns.tableName.eq(audited(table).name()).and(columns.changedAt.ge(utc(from)))
                .and(columns.changedAt.lt(utc(to))), 0, columns.changedAt.asc(), columns.id.asc());
    }

    /**
     * Searches the log; entries the executor cannot see are skipped, and reading goes on until the page is full.
     *
     * @param query the criteria and the page
     * @return the matching entries, in write order (by id), at most {@code query.limit()} of them
     * @throws IllegalArgumentException if the query names a table that is not audited, or a key of the wrong arity
     */
    public List<AuditEntry> find(AuditQuery query) {
        AuditColumns c = columns();
        List<Condition> where = new ArrayList<>();
        if (query.table() != null) {
            AuditedTable audited = audited(query.table());
            where.add(c.tableName.eq(audited.name()));
            if (query.key() != null) {
                where.add(c.entityKey.eq(Rows.key(audited, query.key()).json()));
            }
        }
        if (query.operation() != null) {
            where.add(c.operation.eq(query.operation().name()));
        }
        if (query.changedBy() != null) {
            where.add(c.changedBy.eq(query.changedBy()));
        }
        if (query.from() != null) {
            where.add(c.changedAt.ge(utc(query.from())));
        }
        if (query.to() != null) {
            where.add(c.changedAt.lt(utc(query.to())));
        }
        if (query.afterId() > 0) {
            where.add(c.id.gt(query.afterId()));
        }
        if (everyEntry) {
            return select(c, DSL.and(where), query.limit(), c.id.asc());
        }
        // Entries the executor may not see are dropped, so read on until the page is full or nothing is left.
        List<AuditEntry> page = new ArrayList<>();
        long after = query.afterId();
        while (page.size() < query.limit()) {
            List<AuditEntry> chunk = fetch(c, DSL.and(where).and(c.id.gt(after)), query.limit(), c.id.asc());
            visible(chunk).stream().limit(query.limit() - page.size()).forEach(page::add);
            if (chunk.size() < query.limit()) {
                break;
            }
            after = chunk.getLast().id();
        }
        return page;
    }

    /**
     * The columns that differ between the row as entry {@code fromId} left it and as entry
     * {@code toId} left it (its new values; for a DELETE, none), in column order.
     *
     * @param fromId the earlier entry's id
     * @param toId   the later entry's id
     * @return one difference per changed column
     * @throws NotFoundException     if an entry does not exist
     * @throws AuditRestoreException if the entries are of different rows
     */
    public List<AuditDiff> diff(long fromId, long toId) {
        AuditEntry from = entry(fromId).orElseThrow(() -> new NotFoundException("audit entry", fromId));
        AuditEntry to = entry(toId).orElseThrow(() -> new NotFoundException("audit entry", toId));
        if (!from.table().equals(to.table()) || !from.key().equals(to.key())) {
            throw new AuditRestoreException("Audit entries " + fromId + " and " + toId + " are versions of different rows");
        }
        Map<String, Object> before = from.newValues();
        Map<String, Object> after = to.newValues();
        List<AuditDiff> diff = new ArrayList<>();
        for (String column : Rows.changed(before, after)) {
            diff.add(new AuditDiff(column, before.get(column), after.get(column)));
        }
        return diff;
    }

    /**
     * Reads one entry.
     *
     * @param id the entry's id
     * @return the entry, or empty if it does not exist or the executor cannot see its row
     */
    public Optional<AuditEntry> entry(long id) {
        AuditColumns columns = columns();
        return select(columns, columns.id.eq(id), 1, columns.id.asc()).stream().findFirst();
    }

    /**
     * {@link #restore(Table, List, long)} for a single-column key.
     *
     * @param <R>     the table's record type
     * @param table   the audited table
     * @param key     the row's primary key value
     * @param auditId the entry whose old values are put back
     * @return what was written and the restored row
     * @throws NotFoundException      if there is no such entry
     * @throws AuditRestoreException  if the entry is of another table or row, or records an INSERT
     * @throws IllegalArgumentException if the table is not audited
     */
    public <R extends Record> AuditRestore<R> restore(Table<R> table, Object key, long auditId) {
        return restore(table, List.of(key), auditId);
    }

    /**
     * Puts a row back as it was before the change recorded by entry {@code auditId}: its old values
     * are written through this log's executor — an UPDATE if the row exists (as the executor sees
     * it), else an INSERT re-creating it — so other plugins apply and the restore is audited too.
     * Excluded and redacted columns are not restored. Runs in a transaction (a savepoint inside one).
     *
     * @param <R>     the table's record type
     * @param table   the audited table
     * @param key     the row's primary key values, in the configured order
     * @param auditId the entry whose old values are put back
     * @return what was written ({@link AuditOperation#UPDATE} or {@link AuditOperation#INSERT}) and the
     *         restored row, read back in the same transaction through this log's executor (so callers
     *         need not read it again; empty if that executor cannot see the restored version)
     * @throws NotFoundException      if there is no such entry
     * @throws AuditRestoreException  if the entry is of another table or row, or records an INSERT
     *                                (there was no row before it: delete the row instead), or a value
     *                                cannot be restored (stored truncated, its column gone or of another type)
     * @throws IllegalArgumentException if the table is not audited or the key has the wrong arity
     */
    public <R extends Record> AuditRestore<R> restore(Table<R> table, List<?> key, long auditId) {
        AuditedTable audited = audited(table.getName());
        AuditEntry entry = entry(auditId).orElseThrow(() -> new NotFoundException("audit entry", auditId));
        Rows.Key wanted = Rows.key(audited, key);
        if (!entry.table().equals(audited.name()) || !entry.key().equals(Json.readObject(wanted.json()))) {
            throw new AuditRestoreException("Audit entry " + auditId + " records a change of " + entry.table() + " " + entry.key()
                    + ", not of " + audited.name() + " " + wanted.json());
        }
        if (entry.operation() == AuditOperation.INSERT) {
            throw new AuditRestoreException("Audit entry " + auditId + " records the INSERT of " + audited.name() + " " + wanted.json()
                    + ": there is no earlier version to restore; delete the row instead");
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        entry.oldValues().forEach((column, value) -> {
            if (value instanceof String text && text.contains(AuditOptions.TRUNCATED)
                    && plugin.options().maxValueLength() > 0 && text.length() > plugin.options().maxValueLength()) {
                throw new AuditRestoreException("Audit entry " + auditId + " stores " + column + " truncated; it cannot be restored");
            }
            if (!audited.redacts(column)) {
                values.put(column(table, column), value(column(table, column), value));
            }
        });
        Condition byKey = DSL.and(audited.key().stream().map(column -> {
            @SuppressWarnings("unchecked")
            Field<Object> field = (Field<Object>) column(table, column);
            return field.eq(values.get(field));
        }).toList());
        return executor.transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.fetchExists(table, byKey)) {
                Map<Field<?>, Object> set = new LinkedHashMap<>(values);
                audited.key().forEach(column -> set.remove(column(table, column)));
                // Putting back the version before a soft delete brings the row back: the plan says so, and it is recorded as RESTORE.
                DSLContext writer = entry.operation() == AuditOperation.SOFT_DELETE ? plugin.restoring(tx).dsl() : dsl;
                writer.update(table).set(set).where(byKey).execute();
                return new AuditRestore<>(AuditOperation.UPDATE, dsl.selectFrom(table).where(byKey).fetchOne());
            }
            dsl.insertInto(table).set(values).execute();
            return new AuditRestore<>(AuditOperation.INSERT, dsl.selectFrom(table).where(byKey).fetchOne());
        });
    }

    /**
     * Deletes the entries written before {@code before}, in batches of 1000, each in its own
     * transaction, and returns how many were deleted.
     *
     * @param token  the plugin's {@link AuditPlugin#bypassToken()}: purging is maintenance, not request work
     * @param before entries written before this instant are deleted
     * @return how many entries were deleted
     * @throws IllegalArgumentException if the token is not this plugin's
     */
    public long purge(BypassToken token, Instant before) {
        return purge(token, before, deleted -> {
        });
    }

    /**
     * Retention: deletes the entries older than {@code retention} by the options' clock (e.g. keep
     * 365 days), in batches as {@link #purge(BypassToken, Instant, java.util.function.LongConsumer)}.
     *
     * @param token     the plugin's {@link AuditPlugin#bypassToken()}
     * @param retention how long entries are kept
     * @param progress  called with the number of entries deleted so far, after each committed batch
     * @return how many entries were deleted
     * @throws IllegalArgumentException if the token is not this plugin's, or the retention is negative
     */
    public long purgeOlderThan(BypassToken token, java.time.Duration retention, java.util.function.LongConsumer progress) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("The retention must not be negative, not " + retention);
        }
        return purge(token, plugin.options().clock().instant().minus(retention), progress);
    }

    /**
     * {@link #purge(BypassToken, Instant)}, telling {@code progress} the running total after each batch.
     *
     * @param token    the plugin's {@link AuditPlugin#bypassToken()}
     * @param before   entries written before this instant are deleted
     * @param progress called with the number of entries deleted so far, after each committed batch
     * @return how many entries were deleted
     * @throws IllegalArgumentException if the token is not this plugin's
     */
    public long purge(BypassToken token, Instant before, java.util.function.LongConsumer progress) {
        if (token != plugin.bypassToken()) {
            throw new IllegalArgumentException("Purging the audit log needs the audit plugin's bypass token");
        }
        Executor maintenance = executor.bypassing(token);
        AuditColumns columns = columns();
        long total = 0;
        while (true) {
            int deleted = maintenance.transactionResult(tx -> {
                DSLContext log = plain(tx);
                List<Long> ids = log.select(columns.id).from(columns.table).where(columns.changedAt.lt(utc(before)))
                        .orderBy(columns.id).limit(PURGE_BATCH).fetch(columns.id);
                return ids.isEmpty() ? 0 : log.deleteFrom(columns.table).where(columns.id.in(ids)).execute();
            });
            total += deleted;
            if (deleted > 0) {
                progress.accept(total);
            }
            if (deleted < PURGE_BATCH) {
                return total;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private AuditedTable audited(String table) {
        return plugin.options().table(table).orElseThrow(() -> new IllegalArgumentException("Table " + table + " is not audited by "
                + plugin.name()));
    }

    private AuditColumns columns() {
        return new AuditColumns(plugin.capture().auditTable(), executor.dsl().dialect());
    }

    /** The entries matching, those the executor may not see left out. @param limit at most this many; 0 for all */
    private List<AuditEntry> select(AuditColumns c, Condition where, int limit, org.jooq.OrderField<?>... order) {
        List<AuditEntry> entries = fetch(c, where, everyEntry ? limit : 0, order);
        if (everyEntry) {
            return entries;
        }
        List<AuditEntry> visible = visible(entries);
        return limit > 0 && visible.size() > limit ? visible.subList(0, limit) : visible;
    }

    /**
     * The entries whose row the executor can read now, in their order: one SELECT of the keys per
     * audited table (and 500 keys) through the executor, so its row filters decide in SQL.
     */
    private List<AuditEntry> visible(List<AuditEntry> entries) {
        if (everyEntry || entries.isEmpty()) {
            return entries;
        }
        Map<String, Map<String, Rows.Key>> keysByTable = new LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            plugin.options().table(entry.table()).ifPresent(audited -> keysByTable.computeIfAbsent(audited.name(), t -> new LinkedHashMap<>())
                    .putIfAbsent(key(audited, entry).json(), key(audited, entry)));
        }
        java.util.Set<String> visible = new java.util.HashSet<>();
        keysByTable.forEach((tableName, keys) -> {
            AuditedTable audited = audited(tableName);
            Table<?> table = DSL.table(DSL.name(tableName));
            TableReference target = new TableReference(null, tableName, DSL.name(tableName), table);
            List<Field<Object>> keyFields = audited.key().stream().map(target::field).toList();
            List<Rows.Key> all = List.copyOf(keys.values());
            for (int from = 0; from < all.size(); from += 500) {
                List<Rows.Key> chunk = all.subList(from, Math.min(all.size(), from + 500));
                for (Record row : executor.dsl().select(keyFields).from(table).where(Rows.condition(target, audited, chunk)).fetch()) {
                    visible.add(Rows.key(audited, row).json());
                }
            }
        });
        return entries.stream().filter(entry -> plugin.options().table(entry.table())
                .map(audited -> visible.contains(key(audited, entry).json())).orElse(false)).toList();
    }

    private static Rows.Key key(AuditedTable audited, AuditEntry entry) {
        return Rows.key(audited, audited.key().stream().map(column -> entry.key().get(column)).toList());
    }

    /** A context without plugins on the executor's connections: the audit table is this class's own storage. */
    private static DSLContext plain(Executor executor) {
        var configuration = executor.dsl().configuration();
        return DSL.using(configuration.connectionProvider(), configuration.dialect(), configuration.settings());
    }

    /** @param limit at most this many; 0 for all */
    private List<AuditEntry> fetch(AuditColumns c, Condition where, int limit, org.jooq.OrderField<?>... order) {
        var select = plain(executor).select(c.id, c.tableName, c.entityKey, c.operation, c.oldValues, c.newValues, c.changedColumns,
                        c.changedBy, c.changedAt, c.transactionId, c.metadata)
                .from(c.table).where(where).orderBy(order);
        return (limit > 0 ? select.limit(limit) : select).fetch(r -> entry(c, r));
    }

    private static AuditEntry entry(AuditColumns c, Record r) {
        return new AuditEntry(r.get(c.id), r.get(c.tableName), Json.readObject(r.get(c.entityKey)), AuditOperation.valueOf(r.get(c.operation)),
                Json.readObject(c.jsonText(r, c.oldValues)), Json.readObject(c.jsonText(r, c.newValues)),
                Json.readStrings(c.jsonText(r, c.changedColumns)), r.get(c.changedBy), r.get(c.changedAt), r.get(c.transactionId),
                Json.readObject(c.jsonText(r, c.metadata)));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The table's column of that name (ignoring case); a plain name for tables jOOQ knows no columns of. */
    private static Field<?> column(Table<?> table, String column) {
        if (table.fields().length == 0) {
            return DSL.field(DSL.name(column));
        }
        for (Field<?> field : table.fields()) {
            if (field.getName().equalsIgnoreCase(column)) {
                return field;
            }
        }
        throw new AuditRestoreException("Column " + column + " of the audited version no longer exists in " + table.getName());
    }

    /** A stored value converted back to the column's Java type. */
    private static Object value(Field<?> field, Object stored) {
        try {
            return StoredValues.toColumn(field, stored);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new AuditRestoreException("The stored value of " + field.getName() + " cannot be restored: " + e.getMessage());
        }
    }
}
