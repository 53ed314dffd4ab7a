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
import dev.kysera.executor.plan.PostImage;
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
 * also reads its keys before it runs, to tell inserted rows from updated ones.
 */
public final class Capture implements StatementObserver, TransactionObserver {

    private final AuditOptions options;
    private final AuditWriter writer;
    private final Name auditTable;
    /** Rows an upsert's keys had before it ran, by the plan of the running statement (one map per thread). */
    private final ThreadLocal<Map<StatementPlan, Map<Rows.Key, Record>>> upsertBefore = ThreadLocal.withInitial(IdentityHashMap::new);
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
                if (event.preImage().isEmpty()) {
                    throw refuse(plan, "the rows it touches could not be read before it ran");
                }
                if (plan.kind() == StatementKind.UPDATE) {
                    keyAssignments(plan, table);
                }
            }
            case INSERT -> {
                List<Rows.Key> keys = insertedKeys(event, plan, table);
                if (plan.upsert()) {
                    upsertBefore.get().put(plan, translated(session, () -> Rows.read(session, plan.target(), table, keys, true)));
                }
            }
            default -> throw refuse(plan, "statements of kind " + plan.kind() + " cannot be audited row by row");
        }
    }

    private void after(StatementEvent event, StatementPlan plan, AuditedTable table) {
        Map<Rows.Key, Record> before = upsertBefore.get().remove(plan);
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
            default -> inserted(session, event, plan, table, before);
        });
        translated(session, () -> {
            writer.write(session, new AuditColumns(auditTable, session.dialect()), changes, event.context(),
                    event.transaction().orElseThrow());
            return null;
        });
    }

    private static boolean mayHaveWrittenSeveral(StatementEvent event, StatementPlan plan) {
        return plan.kind() == StatementKind.INSERT ? event.batch() || insertWrites(plan, false).size() > 1 : event.preImage().map(Result::size).orElse(0) > 1;
    }

    // ------------------------------------------------------------------ UPDATE and DELETE

    private List<Change> updatedOrDeleted(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table) {
        Result<Record> preImage = event.preImage().orElseThrow();
        Map<String, Object> newKeyValues = plan.kind() == StatementKind.UPDATE ? keyAssignments(plan, table) : Map.of();
        Map<Rows.Key, Record> old = new LinkedHashMap<>();
        Map<Rows.Key, Rows.Key> nowKey = new LinkedHashMap<>();
        for (Record row : preImage) {
            Rows.Key key = Rows.key(table, row);
            old.put(key, row);
            nowKey.put(key, newKeyValues.isEmpty() ? key : rekeyed(table, key, newKeyValues));
        }
        Map<Rows.Key, Record> now = Rows.read(session, plan.target(), table, nowKey.values(), false);
        boolean deleting = plan.kind() == StatementKind.DELETE;
        AuditOperation operation = deleting ? AuditOperation.DELETE
                : plan.writtenKind() == StatementKind.DELETE ? AuditOperation.SOFT_DELETE : AuditOperation.UPDATE;
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
     * The keys an INSERT writes, as known before it runs; an empty list for one row whose
     * single-column key the database generates. Refuses what cannot be audited exactly.
     */
    private List<Rows.Key> insertedKeys(StatementEvent event, StatementPlan plan, AuditedTable table) {
        if (plan.fromSelect()) {
            throw refuse(plan, "INSERT … SELECT writes rows whose keys are unknown before it runs");
        }
        if (event.batch() && plan.upsert()) {
            throw refuse(plan, "upserts in a JDBC batch cannot be told apart row by row: run them one by one");
        }
        // Per written row, where each key value comes from: a constant, or a position in each batch row's binds.
        List<List<Object>> sources = new ArrayList<>();
        int bound = 0;
        for (RowWrite write : insertWrites(plan, event.batch())) {
            if (!write.table().is(table.name())) {
                continue;
            }
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (Map.Entry<String, WrittenValue> value : write.image().values().entrySet()) {
                if (value.getValue() instanceof WrittenValue.BoundAtExecution) {
                    positions.put(value.getKey(), bound++);
                }
            }
            List<Object> row = new ArrayList<>(table.key().size());
            for (String column : table.key()) {
                row.add(positions.containsKey(column) ? new BindPosition(positions.get(column)) : constant(plan, write.image(), column));
            }
            sources.add(row);
        }
        List<List<Object>> batchRows = event.batch() ? event.binds() : List.of(List.of());
        int width = bound;
        if (event.batch() && batchRows.stream().anyMatch(binds -> binds.size() != width)) {
            throw refuse(plan, "its batch binds values the plan does not place in the written rows, so the keys cannot be read");
        }
        Set<Rows.Key> keys = new LinkedHashSet<>();
        int generated = 0;
        for (List<Object> binds : batchRows) {
            for (List<Object> row : sources) {
                List<Object> values = row.stream().map(source -> source instanceof BindPosition p ? binds.get(p.index()) : source)
                        .filter(java.util.Objects::nonNull).toList();
                if (values.size() == table.key().size()) {
                    keys.add(Rows.key(table, values));
                } else if (values.isEmpty()) {
                    generated++;
                } else {
                    throw refuse(plan, "a row sets only part of the composite key " + table.key());
                }
            }
        }
        if (generated > 0) {
            String reason = generatedKeyRefusal(event, plan, table, sources.size(), generated);
            if (reason != null) {
                throw refuse(plan, reason);
            }
        }
        return List.copyOf(keys);
    }

    /** A key value bound per batch row, at this position of the row's binds. */
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

    private static String generatedKeyRefusal(StatementEvent event, StatementPlan plan, AuditedTable table, int rows, int generated) {
        SQLDialect dialect = event.context().dialect();
        if (event.batch()) {
            return "a JDBC batch inserts rows whose keys the database generates, which observers cannot see: set the keys";
        }
        if (rows > 1 || generated != rows) {
            return "it inserts " + rows + " rows and the database generates keys: the executor does not show observers the "
                    + "keys a statement generated, so only a single-row INSERT can be audited then; set the keys or insert one row "
                    + "at a time";
        }
        if (table.key().size() > 1) {
            return "the database generates a composite key";
        }
        if (plan.upsert()) {
            return "an upsert whose key the database generates cannot be told apart from an update";
        }
        if (dialect.family() == SQLDialect.H2) {
            return "H2 cannot tell which key this connection just generated; set the key explicitly";
        }
        return switch (dialect.family()) {
            case POSTGRES, MARIADB, MYSQL, SQLITE -> null;
            default -> "the key just generated cannot be read on " + dialect;
        };
    }

    /** The constant written to {@code column}, null when it is not written (or written as NULL); refuses unknowns. */
    private Object constant(StatementPlan plan, PostImage image, String column) {
        Optional<WrittenValue> value = image.value(column);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get() instanceof WrittenValue.Constant constant) {
            return constant.value();
        }
        throw refuse(plan, "the key column " + column + " is written with a value only the database knows");
    }

    private List<Change> inserted(DSLContext session, StatementEvent event, StatementPlan plan, AuditedTable table,
                                  Map<Rows.Key, Record> before) {
        List<Rows.Key> keys = insertedKeys(event, plan, table);
        if (keys.isEmpty()) {
            keys = List.of(Rows.key(table, List.of(generatedKey(session, plan.target(), table))));
        }
        Map<Rows.Key, Record> now = Rows.read(session, plan.target(), table, keys, false);
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
                changes.add(new Change(table, key, AuditOperation.INSERT, null, newValues, List.copyOf(newValues.keySet())));
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

    /** The key the database generated for the single row this connection just inserted. */
    private static Object generatedKey(DSLContext session, TableReference target, AuditedTable table) {
        Object key = switch (session.dialect().family()) {
            case POSTGRES -> session.fetchValue("select currval(pg_get_serial_sequence(?, ?))",
                    (target.schema() == null ? "" : "\"" + target.schema() + "\".") + "\"" + target.name() + "\"",
                    table.key().getFirst());
            case MARIADB, MYSQL -> session.fetchValue("select last_insert_id()");
            default -> session.fetchValue("select last_insert_rowid()");
        };
        if (key == null) {
            throw new UnsupportedStatementException("The key generated for the row inserted into " + target.name()
                    + " cannot be read, so it cannot be audited; roll the transaction back and set the key explicitly");
        }
        // MariaDB answers an unsigned ULong, PostgreSQL a Long, SQLite an Integer: keys generated this way are integral.
        return key instanceof Number number ? (Object) number.longValue() : key;
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
