package dev.kysera.audit.internal;

import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditedTable;
import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.executor.Operation;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.WrittenValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The capture: for every INSERT, UPDATE and DELETE of an audited table, decides before it runs
 * whether it can be audited exactly (and refuses it otherwise), and after it ran writes one audit
 * row per row it changed, on the statement's connection and in its transaction.
 *
 * <p>UPDATE and DELETE compare the executor's pre-image (read in the transaction, locked) with the
 * rows read again by key afterwards; INSERT reads the rows back by the keys it wrote (or, for one
 * row with a generated key, by the key the database just generated on this connection); an upsert
 * also reads its keys before it runs, to tell inserted rows from updated ones. Where the driver
 * returns the rows a statement changed with it (PostgreSQL: {@link #wantsChangedRows}), those are
 * the rows afterwards — and a DELETE's rows before — instead of a read.
 */
public final class Capture implements StatementObserver, TransactionObserver {

    private final AuditOptions options;
    private final AuditWriter writer;
    private final Name auditTable;
    /** Rows an upsert's keys had before it ran, by the plan of the running statement (one map per thread). */
    private final ThreadLocal<Map<StatementPlan, Map<Rows.Key, Record>>> upsertBefore = ThreadLocal.withInitial(IdentityHashMap::new);
    /** Where an INSERT … SELECT's rows start (SQLite: the highest rowid before it), by the plan of the running statement. */
    private final ThreadLocal<Map<StatementPlan, Long>> selectMarks = ThreadLocal.withInitial(IdentityHashMap::new);
    /** What the running INSERT writes, analysed before it ran, by its plan: the analysis after it ran would be the same. */
    private final ThreadLocal<Map<StatementPlan, InsertRows>> insertsBefore = ThreadLocal.withInitial(IdentityHashMap::new);
    /** The audit table's columns per dialect: the same fields for every statement. */
    private final Map<SQLDialect, AuditColumns> columns = new ConcurrentHashMap<>();
    /** Transactions in which a multi-row audited write failed on H2, by id, with the savepoint depth it failed at. */
    private final Map<Long, Integer> partlyFailed = new ConcurrentHashMap<>();

    public Capture(AuditOptions options) {
        this.options = options;
        this.writer = new AuditWriter(options);
        this.auditTable = options.auditTableSchema().map(schema -> DSL.name(schema, options.auditTableName()))
                .orElse(DSL.name(options.auditTableName()));
    }

    public Name auditTable() {
        return auditTable;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public void afterBegin(TransactionHandle transaction) {
        writer.begun(transaction);
    }

    @Override
    public void beforeCommit(TransactionHandle transaction) {
        if (transaction.depth() == 0 && partlyFailed.containsKey(transaction.id())) {
            throw new UnsupportedStatementException("Plugin '" + options.name() + "' rolls this transaction back: a multi-row write of "
                    + "an audited table failed in it, and H2 may have kept part of it without audit rows");
        }
    }

    @Override
    public void afterCommit(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            partlyFailed.remove(transaction.id());
        } else {
            // The savepoint's failure now belongs to the enclosing level.
            partlyFailed.computeIfPresent(transaction.id(), (id, depth) -> depth >= transaction.depth() ? transaction.depth() - 1 : depth);
        }
        writer.ended(transaction);
    }

    @Override
    public void afterRollback(TransactionHandle transaction, Throwable cause) {
        // Rolling back to a savepoint undoes what failed inside it.
        partlyFailed.computeIfPresent(transaction.id(), (id, depth) -> depth >= transaction.depth() ? null : depth);
        writer.ended(transaction);
    }

    // ------------------------------------------------------------------ statements

    @Override
    public boolean wantsPreImage(StatementPlan plan) {
        return audited(plan) != null && (plan.kind() == StatementKind.UPDATE || plan.kind() == StatementKind.DELETE);
    }

    /** Where the driver returns them with the statement (PostgreSQL), the rows a write changed are its post-image (a DELETE's: pre-image). */
    @Override
    public boolean wantsChangedRows(StatementPlan plan) {
        return audited(plan) != null && switch (plan.kind()) {
            case UPDATE, DELETE -> true;
            case INSERT -> !plan.upsert() && !plan.fromSelect();
            default -> false;
        };
    }

    @Override
    public void beforeStatement(StatementEvent event) {
        forEachAudited(event, (plan, table) -> before(event, plan, table));
    }

    @Override
    public void afterStatement(StatementEvent event) {
        forEachAudited(event, (plan, table) -> after(event, plan, table));
    }

    private void forEachAudited(StatementEvent event, BiConsumer<StatementPlan, AuditedTable> action) {
        for (StatementPlan plan : event.plans()) {
            AuditedTable table = audited(plan);
            if (table != null) {
                action.accept(plan, table);
            }
        }
    }

    private void before(StatementEvent event, StatementPlan plan, AuditedTable table) {
        if (event.plans().size() > 1) {
            throw refuse(plan, "it is part of a batch of different statements, whose rows cannot be told apart: run it on its own");
        }
        DSLContext session = session(event, plan);
        switch (plan.kind()) {
            case UPDATE, DELETE -> {
                if (event.preImage().isEmpty() && !(plan.kind() == StatementKind.DELETE && event.returnsChangedRows())) {
                    throw refuse(plan, "the rows it touches could not be read before it ran");
                }
                if (plan.kind() == StatementKind.UPDATE) {
                    keyAssignments(plan, table);
                }
            }
            case INSERT -> {
                InsertRows insert = insertRows(event, plan, table);
                insertsBefore.get().put(plan, insert);
                List<Rows.Key> keys = insert.explicit();
                if (plan.upsert()) {
                    upsertBefore.get().put(plan, translated(session, () -> Rows.read(session, plan.target(), table, keys, true)));
                }
                if (plan.fromSelect()) {
                    translated(session, () -> {
                        InsertSelects.before(session, plan, reason -> refuse(plan, reason))
                                .ifPresent(mark -> selectMarks.get().put(plan, mark));
                        return null;
                    });
                }
            }
            default -> throw refuse(plan, "statements of kind " + plan.kind() + " cannot be audited row by row");
        }
    }

    private void after(StatementEvent event, StatementPlan plan, AuditedTable table) {
        Map<Rows.Key, Record> before = upsertBefore.get().remove(plan);
        Long mark = selectMarks.get().remove(plan);
        InsertRows analysed = insertsBefore.get().remove(plan);
        if (event.failure().isPresent()) {
            // A failed statement changed nothing on PostgreSQL, MariaDB and SQLite; H2 may keep part of a multi-row one.
            if (event.context().dialect().family() == SQLDialect.H2 && mayHaveWrittenSeveral(event, plan)) {
                event.transaction().ifPresent(tx -> partlyFailed.merge(tx.id(), tx.depth(), Math::min));
            }
            return;
        }
        DSLContext session = session(event, plan);
        List<Change> changes = translated(session, () -> switch (plan.kind()) {
            case UPDATE, DELETE -> updatedOrDeleted(session, event, plan, table);
            default -> inserted(session, event, plan, table, analysed != null ? analysed : insertRows(event, plan, table), before, mark);
        });
        translated(session, () -> {
            writer.write(session, columns.computeIfAbsent(session.dialect(), dialect -> new AuditColumns(auditTable, dialect)), changes,
                    event.context(), event.transaction().orElseThrow());
            return null;
        });
    }

    private static boolean mayHaveWrittenSeveral(StatementEvent event, StatementPlan plan) {
        return plan.kind() == StatementKind.INSERT ? event.batch() || insertWrites(plan, false).size() > 1 : event.preImage().map(Result::size).orElse(0) > 1;
    }

    // ------------------------------------------------------------------ UPDATE and DELETE

    private List<Change> updatedOrDeleted(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table) {
        Map<Rows.Key, Record> returned = returned(event, plan, table);
        if (plan.kind() == StatementKind.DELETE && returned != null) {
            return deleted(event, plan, table, returned);
        }
        Result<Record> preImage = event.preImage().orElseThrow();
        Map<String, Object> newKeyValues = plan.kind() == StatementKind.UPDATE ? keyAssignments(plan, table) : Map.of();
        Map<Rows.Key, Record> old = new LinkedHashMap<>();
        Map<Rows.Key, Rows.Key> nowKey = new LinkedHashMap<>();
        for (Record row : preImage) {
            Rows.Key key = Rows.key(table, row);
            old.put(key, row);
            nowKey.put(key, newKeyValues.isEmpty() ? key : rekeyed(table, key, newKeyValues));
        }
        Map<Rows.Key, Record> now = returned != null ? returned : Rows.read(session, plan.target(), table, nowKey.values(), false);
        boolean deleting = plan.kind() == StatementKind.DELETE;
        // What the UPDATE means is declared in the plan by the plugin that made it (soft delete), never guessed from its columns.
        AuditOperation operation = deleting ? AuditOperation.DELETE : switch (plan.intent()) {
            case SOFT_DELETE -> AuditOperation.SOFT_DELETE;
            case RESTORE -> AuditOperation.RESTORE;
            case AS_WRITTEN -> plan.writtenKind() == StatementKind.DELETE ? AuditOperation.SOFT_DELETE : AuditOperation.UPDATE;
        };
        List<Change> changes = new ArrayList<>();
        int touched = 0;
        for (Map.Entry<Rows.Key, Record> entry : old.entrySet()) {
            Map<String, Object> oldValues = Rows.values(table, entry.getValue());
            Record after = now.get(nowKey.get(entry.getKey()));
            if (deleting) {
                if (after == null) {
                    touched++;
                    changes.add(new Change(table, entry.getKey(), operation, oldValues, null, List.copyOf(oldValues.keySet())));
                }
                continue;
            }
            if (after == null) {
                throw refuse(plan, "a row it updated (" + entry.getKey().json() + ") cannot be found by its key afterwards; "
                        + "roll the transaction back");
            }
            touched++;
            Map<String, Object> newValues = Rows.values(table, after);
            List<String> changed = Rows.changed(oldValues, newValues);
            if (!changed.isEmpty()) {
                changes.add(new Change(table, nowKey.get(entry.getKey()), operation, oldValues, newValues, changed));
            }
        }
        long affected = event.affectedRows();
        if (!event.rowCounts().isEmpty() && (deleting ? affected != touched : affected > touched)) {
            throw refuse(plan, "it affected " + affected + " row(s) but " + touched + " were read before it ran (a concurrent "
                    + "insert matched its condition); roll the transaction back and retry");
        }
        return changes;
    }

    /** A DELETE's entries from the rows it returned, as they were: exactly the rows it deleted. */
    private List<Change> deleted(StatementEvent event, StatementPlan plan, AuditedTable table, Map<Rows.Key, Record> returned) {
        if (!event.rowCounts().isEmpty() && event.affectedRows() != returned.size()) {
            throw refuse(plan, "it deleted " + event.affectedRows() + " row(s) but returned " + returned.size() + "; roll the transaction back");
        }
        List<Change> changes = new ArrayList<>(returned.size());
        returned.forEach((key, row) -> {
            Map<String, Object> oldValues = Rows.values(table, row);
            changes.add(new Change(table, key, AuditOperation.DELETE, oldValues, null, List.copyOf(oldValues.keySet())));
        });
        return changes;
    }

    /**
     * The rows the statement changed, by key, as the driver returned them with it (in the types the
     * read by key reads them with); null when it did not return them.
     */
    private Map<Rows.Key, Record> returned(StatementEvent event, StatementPlan plan, AuditedTable table) {
        if (!event.returnsChangedRows()) {
            return null;
        }
        Result<Record> rows = event.changedRows().orElseThrow(() -> refuse(plan, "the rows it changed were not returned; roll the "
                + "transaction back"));
        Map<Rows.Key, Record> byKey = new LinkedHashMap<>();
        for (Record row : rows) {
            Record typed = plan.target().hasMetadata() ? row.into(plan.target().table()) : row;
            if (byKey.put(Rows.key(table, typed), typed) != null) {
                throw refuse(plan, "it returned two rows with the key " + Rows.key(table, typed).json() + "; roll the transaction back");
            }
        }
        return byKey;
    }

    /** The constant key values an UPDATE assigns; refuses key changes it cannot follow. */
    private Map<String, Object> keyAssignments(StatementPlan plan, AuditedTable table) {
        Map<String, Object> assigned = new LinkedHashMap<>();
        for (RowWrite write : plan.writes()) {
            if (write.operation() != Operation.UPDATE || !write.table().is(table.name())) {
                continue;
            }
            for (String column : table.key()) {
                Optional<WrittenValue> value = write.image().value(column);
                if (value.isEmpty()) {
                    continue;
                }
                if (!(value.get() instanceof WrittenValue.Constant constant) || constant.value() == null) {
                    throw refuse(plan, "it sets the key column " + column + " to a value only the database knows, so the "
                            + "changed rows cannot be found again: set key columns to constants");
                }
                assigned.put(column, constant.value());
            }
        }
        return assigned;
    }

    private static Rows.Key rekeyed(AuditedTable table, Rows.Key key, Map<String, Object> assigned) {
        List<Object> values = new ArrayList<>(key.values());
        for (int i = 0; i < table.key().size(); i++) {
            if (assigned.containsKey(table.key().get(i))) {
                values.set(i, assigned.get(table.key().get(i)));
            }
        }
        return Rows.key(table, values);
    }

    // ------------------------------------------------------------------ INSERT

    /**
     * What an INSERT writes, as known before it runs: per inserted row (per batch row, then per
     * VALUES row) the known column values, the keys set by the statement, and how many rows get a
     * key the database generates.
     *
     * @param rows     per inserted row, the constant value of each written column ({@link #UNKNOWN} if only the database knows it)
     * @param keys     per inserted row, its key, or null where the database generates it
     */
    private record InsertRows(List<Map<String, Object>> rows, List<Rows.Key> keys, int generated) {
        List<Rows.Key> explicit() {
            return keys.stream().filter(java.util.Objects::nonNull).distinct().toList();
        }
    }

    /** A written value only the database knows (an expression), for {@link InsertRows#rows}. */
    private static final Object UNKNOWN = new Object();

    /** Analyses an INSERT; refuses what cannot be audited exactly. */
    private InsertRows insertRows(StatementEvent event, StatementPlan plan, AuditedTable table) {
        if (plan.fromSelect()) {
            SQLDialect family = event.context().dialect().family();
            if (plan.upsert() || event.batch() || table.key().size() != 1) {
                throw refuse(plan, "INSERT … SELECT writes rows whose keys are unknown before it runs; they are found afterwards "
                        + "only for a single-column key, without upsert or batch");
            }
            switch (family) {
                case POSTGRES, H2, SQLITE -> {
                }
                case MARIADB, MYSQL -> {
                    List<RowWrite> writes = insertWrites(plan, false);
                    if (writes.isEmpty()) {
                        throw refuse(plan, "INSERT … SELECT without a column list: name the columns, so that it is known that "
                                + "the database generates the key");
                    }
                    if (writes.stream().anyMatch(w -> w.image().writes(table.key().getFirst()))) {
                        throw refuse(plan, "INSERT … SELECT writes the key column " + table.key().getFirst() + ", and "
                                + event.context().dialect() + " reports no keys of such rows: let the database generate the key");
                    }
                }
                default -> throw refuse(plan, "INSERT … SELECT cannot be audited on " + event.context().dialect());
            }
            return new InsertRows(List.of(), List.of(), 0); // the keys are found afterwards
        }
        // Per written row, where each column's value comes from: a constant, or a position in each batch row's binds.
        List<Map<String, Object>> sources = new ArrayList<>();
        int bound = 0;
        for (RowWrite write : insertWrites(plan, event.batch())) {
            if (!write.table().is(table.name())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, WrittenValue> value : write.image().values().entrySet()) {
                String column = value.getKey().toLowerCase(java.util.Locale.ROOT);
                row.put(column, switch (value.getValue()) {
                    case WrittenValue.BoundAtExecution ignored -> new BindPosition(bound++);
                    case WrittenValue.Constant constant -> constant.value();
                    default -> {
                        if (table.key().contains(column)) {
                            throw refuse(plan, "the key column " + column + " is written with a value only the database knows");
                        }
                        yield UNKNOWN;
                    }
                });
            }
            sources.add(row);
        }
        List<List<Object>> batchRows = event.batch() ? event.binds() : List.of(List.of());
        int width = bound;
        if (event.batch() && batchRows.stream().anyMatch(binds -> binds.size() != width)) {
            throw refuse(plan, "its batch binds values the plan does not place in the written rows, so the keys cannot be read");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Rows.Key> keys = new ArrayList<>();
        int generated = 0;
        for (List<Object> binds : batchRows) {
            for (Map<String, Object> source : sources) {
                Map<String, Object> row = new LinkedHashMap<>();
                source.forEach((column, value) -> row.put(column, value instanceof BindPosition p ? binds.get(p.index()) : value));
                List<Object> key = table.key().stream().map(row::get).filter(java.util.Objects::nonNull).toList();
                if (key.size() == table.key().size()) {
                    keys.add(Rows.key(table, key));
                } else {
                    keys.add(null); // the database generates (part of) the key
                    generated++;
                }
                rows.add(row);
            }
        }
        InsertRows insert = new InsertRows(rows, keys, generated);
        if (plan.upsert() && insert.explicit().size() < keys.size() - generated) {
            // The second write of a key would update the first one's row within the statement: one entry would hide the other.
            throw refuse(plan, "it upserts the same key more than once" + (event.batch() ? " in one batch" : "")
                    + ", and changes of one row within one statement cannot be told apart: upsert each key once");
        }
        if (generated > 0) {
            String reason = generatedKeyRefusal(event, plan, table, insert);
            if (reason != null) {
                throw refuse(plan, reason);
            }
        }
        return insert;
    }

    /** A value bound per batch row, at this position of the row's binds. */
    private record BindPosition(int index) {
    }

    /**
     * The rows an INSERT writes. The executor lists each row of a parsed plain-SQL INSERT, and of the
     * statement of a JDBC batch, twice (it plans them twice), so there equal rows count once; should
     * they really be two rows with equal values, the row count check after the statement (or, in a
     * batch, the number of bind values) refuses it.
     */
    private static List<RowWrite> insertWrites(StatementPlan plan, boolean batch) {
        List<RowWrite> writes = plan.writes().stream().filter(w -> w.operation() == Operation.INSERT).toList();
        return plan.plainSql() || batch ? List.copyOf(new LinkedHashSet<>(writes)) : writes;
    }

    @Override
    public List<String> generatedKeys(StatementPlan plan) {
        AuditedTable table = audited(plan);
        if (table == null || plan.upsert() || plan.fromSelect() && table.key().size() != 1) {
            return List.of();
        }
        if (plan.fromSelect()) {
            return table.key(); // PostgreSQL and H2 report the key of every row inserted, set or generated
        }
        // Only when some row may leave a key column to the database: asking costs a RETURNING on PostgreSQL.
        boolean someGenerated = insertWrites(plan, false).stream().filter(w -> w.table().is(table.name()))
                .anyMatch(w -> table.key().stream().anyMatch(column ->
                        !(w.image().value(column).orElse(null) instanceof WrittenValue.Constant c) || c.value() == null));
        return someGenerated ? table.key() : List.of();
    }

    private static String generatedKeyRefusal(StatementEvent event, StatementPlan plan, AuditedTable table, InsertRows insert) {
        if (plan.upsert()) {
            return "an upsert whose key the database generates cannot be told apart from an update";
        }
        if (table.key().size() > 1) {
            return switch (event.context().dialect().family()) {
                case POSTGRES, H2 -> null;
                default -> "the database generates (part of) the composite key " + table.key() + ", and " + event.context().dialect()
                        + " reports only one generated column, so the rows cannot be found again: set every key column";
            };
        }
        boolean mixed = insert.generated() < insert.keys().size();
        return switch (event.context().dialect().family()) {
            case POSTGRES, H2 -> null;
            case MARIADB, MYSQL, SQLITE -> mixed && (event.batch() || insert.keys().size() > 1)
                    ? "it inserts rows with keys set and rows whose keys the database generates, and " + event.context().dialect()
                    + " reports the generated keys by their position only: insert them in separate statements" : null;
            default -> "the keys just generated cannot be read on " + event.context().dialect();
        };
    }

    private List<Change> inserted(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table, InsertRows insert,
                                  Map<Rows.Key, Record> before, Long mark) {
        Map<Rows.Key, Record> returned = returned(event, plan, table);
        List<Rows.Key> keys = returned != null ? List.copyOf(returned.keySet()) : plan.fromSelect() ? selectedKeys(session, event, plan, table, mark)
                : insert.generated() == 0 ? insert.explicit() : generatedKeys(session, event, plan, table, insert);
        Map<Rows.Key, Record> now = returned != null ? returned : Rows.read(session, plan.target(), table, keys, false);
        List<Change> changes = new ArrayList<>();
        for (Rows.Key key : keys) {
            Record after = now.get(key);
            Record previous = before == null ? null : before.get(key);
            if (after == null) {
                if (plan.upsert() && previous == null && plan.writes().stream().noneMatch(w -> w.operation() == Operation.UPDATE)) {
                    continue; // INSERT … ON CONFLICT DO NOTHING that conflicted on another unique key: nothing written
                }
                throw refuse(plan, "the row with key " + key.json() + " it wrote cannot be found afterwards (it may have "
                        + "conflicted on another unique key and updated another row); roll the transaction back");
            }
            Map<String, Object> newValues = Rows.values(table, after);
            if (previous == null) {
                changes.add(new Change(table, key, AuditOperation.INSERT, null, newValues, Rows.given(newValues)));
            } else {
                Map<String, Object> oldValues = Rows.values(table, previous);
                List<String> changed = Rows.changed(oldValues, newValues);
                if (!changed.isEmpty()) {
                    changes.add(new Change(table, key, AuditOperation.UPDATE, oldValues, newValues, changed));
                }
            }
        }
        // The executor's counts of a JDBC batch are not per row (and drivers may answer SUCCESS_NO_INFO); a batch of plain
        // INSERTs that succeeded inserted every row, and each was found by its key above.
        boolean countsKnown = !event.batch() && !event.rowCounts().isEmpty();
        if (!plan.upsert() && countsKnown && event.affectedRows() != changes.size()) {
            throw refuse(plan, "it inserted " + event.affectedRows() + " row(s) but " + changes.size() + " were found by key");
        }
        return changes;
    }

    /**
     * The keys of every row an INSERT with generated keys wrote. PostgreSQL and H2 report each one
     * (JDBC generated keys); MariaDB reports the first of a multi-row INSERT, SQLite the last (and
     * nothing for a batch): a single statement's generated keys are consecutive there (InnoDB's
     * auto-increment lock, SQLite's single writer), so the others follow from it; each row read by
     * such a derived key must then carry the values that row was written with, or the statement
     * is refused (never a wrong row in the log).
     */
    private List<Rows.Key> generatedKeys(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table,
                                         InsertRows insert) {
        if (table.key().size() > 1) {
            return compositeKeys(event, plan, table, insert.keys().size());
        }
        SQLDialect family = session.dialect().family();
        List<Long> reported = event.generatedKeys().map(result -> result.stream().map(r -> r.get(0)).filter(java.util.Objects::nonNull)
                .map(Capture::integral).toList()).orElse(List.of());
        int rows = insert.keys().size();
        boolean exact = family == SQLDialect.POSTGRES || family == SQLDialect.H2 || event.batch() && family != SQLDialect.SQLITE;
        if (reported.isEmpty() && event.returnedRows().isPresent()) {
            // A statement with RETURNING: the rows it returned carry their keys, if it returned the key column.
            Result<Record> returned = event.returnedRows().get();
            org.jooq.Field<?> key = returned.isEmpty() ? null : Rows.field(returned.getFirst(), table.key().getFirst());
            if (key != null && returned.size() == rows) {
                reported = returned.stream().map(r -> r.get(key)).filter(java.util.Objects::nonNull).map(Capture::integral).toList();
                exact = true;
            }
        }
        if (reported.size() == rows && (rows == 1 || exact)) {
            return reported.stream().map(id -> Rows.key(table, List.of(id))).distinct().toList();
        }
        // Nothing reported (a statement with RETURNING keeps its own preparation; SQLite reports nothing for a batch): ask the
        // session for the key it generated last (PostgreSQL: the last, MariaDB: the first of the statement, SQLite: the last).
        long sessionKey = reported.isEmpty() ? sessionKey(session, plan, table) : reported.getFirst();
        if (rows == 1) {
            return List.of(Rows.key(table, List.of(sessionKey)));
        }
        long first;
        long step;
        switch (family) {
            case SQLITE -> {
                first = (reported.isEmpty() ? sessionKey : reported.getLast()) - (rows - 1);
                step = 1;
            }
            case MARIADB, MYSQL -> {
                first = sessionKey;
                step = integral(session.fetchValue("select @@auto_increment_increment"));
            }
            default -> throw refuse(plan, "it inserts " + rows + " rows with generated keys and returns rows itself, and "
                    + session.dialect() + " does not report the keys of such a statement (sequence values need not be consecutive): "
                    + "leave out RETURNING, set the keys, or insert one row at a time");
        }
        List<Rows.Key> keys = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            keys.add(Rows.key(table, List.of(first + i * step)));
        }
        Map<Rows.Key, Record> found = Rows.read(session, plan.target(), table, keys, false);
        for (int i = 0; i < rows; i++) {
            Record row = found.get(keys.get(i));
            if (row == null || !matches(table, insert.rows().get(i), row)) {
                throw refuse(plan, "the row with key " + keys.get(i).json() + " does not hold the values the statement inserted, so "
                        + "the generated keys were not consecutive; roll the transaction back and insert the rows one by one");
            }
        }
        return keys;
    }

    /**
     * The composite keys of every row an INSERT wrote, where the database generated part of them:
     * PostgreSQL and H2 report each row's key columns (JDBC generated keys, or the rows a RETURNING
     * returned).
     */
    private List<Rows.Key> compositeKeys(StatementEvent event, StatementPlan plan, AuditedTable table, int rows) {
        Result<Record> reported = event.generatedKeys().or(event::returnedRows).orElse(null);
        if (reported == null || reported.size() != rows || reported.stream().anyMatch(r -> table.key().stream()
                .anyMatch(column -> Rows.field(r, column) == null || r.get(Rows.field(r, column)) == null))) {
            throw refuse(plan, "the database did not report every column of the composite key " + table.key() + " of each row it "
                    + "inserted (a RETURNING must return all of them); roll the transaction back");
        }
        return reported.stream().map(r -> Rows.key(table, r)).distinct().toList();
    }

    /**
     * The keys of the rows an INSERT … SELECT inserted: as the driver reported them on PostgreSQL and
     * H2 (every row); found from the mark read before it ran on SQLite and MariaDB
     * ({@link InsertSelects}).
     */
    private List<Rows.Key> selectedKeys(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table, Long mark) {
        return switch (session.dialect().family()) {
            case SQLITE, MARIADB, MYSQL -> {
                List<Object> found = InsertSelects.after(session, plan, table, mark, event.affectedRows());
                if (found == null) {
                    throw refuse(plan, "the rows it inserted cannot be told from the others (" + event.affectedRows()
                            + " row(s) inserted); roll the transaction back");
                }
                yield found.stream().map(key -> Rows.key(table, List.of(key))).toList();
            }
            default -> {
                if (event.generatedKeys().isPresent()) {
                    yield event.generatedKeys().get().stream().map(r -> Rows.key(table, List.of(r.get(0)))).distinct().toList();
                }
                // With RETURNING the driver reports no generated keys: the returned rows are the report, if they hold the key.
                String key = table.key().getFirst();
                Result<Record> returned = event.returnedRows().orElse(null);
                if (returned == null || !event.rowCounts().isEmpty() && returned.size() != event.affectedRows()
                        || returned.stream().anyMatch(r -> Rows.field(r, key) == null || r.get(Rows.field(r, key)) == null)) {
                    throw refuse(plan, "the database reported no keys of the rows it inserted (a RETURNING must return the key "
                            + "column " + key + "); roll the transaction back");
                }
                yield returned.stream().map(r -> Rows.key(table, List.of(r.get(Rows.field(r, key))))).distinct().toList();
            }
        };
    }

    /** Whether a row read back holds the text, number and boolean values it was written with (the others may be converted). */
    private static boolean matches(AuditedTable table, Map<String, Object> written, Record row) {
        for (Map.Entry<String, Object> value : written.entrySet()) {
            Object expected = value.getValue();
            if (table.key().contains(value.getKey())
                    || !(expected instanceof String || expected instanceof Number || expected instanceof Boolean)) {
                continue;
            }
            org.jooq.Field<?> field = Rows.field(row, value.getKey());
            if (field == null || !java.util.Objects.equals(Json.normalize(expected), Json.normalize(row.get(field)))) {
                return false;
            }
        }
        return true;
    }

    /** MariaDB answers an unsigned ULong, PostgreSQL a Long, SQLite an Integer: keys generated this way are integral. */
    private static long integral(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(String.valueOf(value));
    }

    /** The key the database last generated on this connection (for PostgreSQL: from the key column's sequence). */
    private long sessionKey(DSLContext session, StatementPlan plan, AuditedTable table) {
        TableReference target = plan.target();
        Object key = switch (session.dialect().family()) {
            case POSTGRES -> session.fetchValue("select currval(pg_get_serial_sequence(?, ?))",
                    (target.schema() == null ? "" : "\"" + target.schema() + "\".") + "\"" + target.name() + "\"",
                    table.key().getFirst());
            case MARIADB, MYSQL -> session.fetchValue("select last_insert_id()");
            case SQLITE -> session.fetchValue("select last_insert_rowid()");
            default -> null;
        };
        if (key == null) {
            throw refuse(plan, "the key the database generated cannot be read; roll the transaction back and set the key explicitly");
        }
        return integral(key);
    }

    // ------------------------------------------------------------------ helpers

    private AuditedTable audited(StatementPlan plan) {
        return plan.targetTable().flatMap(target -> options.table(target.name())).orElse(null);
    }

    /** A plugin-free context on the statement's own connection, so audit rows join its transaction. */
    private DSLContext session(StatementEvent event, StatementPlan plan) {
        event.transaction().orElseThrow(() -> refuse(plan,
                "it runs outside a transaction; run it in executor.transaction(…) so that it and its audit rows commit together"));
        return event.dsl();
    }

    private <T> T translated(DSLContext session, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw ErrorTranslator.standard().translate(e, session.dialect());
        }
    }

    private UnsupportedStatementException refuse(StatementPlan plan, String reason) {
        String table = plan.targetTable().map(TableReference::name).orElse("?");
        return new UnsupportedStatementException("Plugin '" + options.name() + "' cannot audit this " + plan.writtenKind() + " of "
                + table + ": " + reason);
    }
}
