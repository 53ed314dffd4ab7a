package dev.kysera.audit.internal;

import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.TableReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;

/** Rows of an audited table: their keys, their stored values, and reading them back by key. */
public final class Rows {

    private static final int CHUNK = 500;

    private Rows() {
    }

    /**
     * A row's primary key: the values as the database returned them (to bind them again) and the
     * canonical JSON text stored in {@code entity_key} (to compare and look up).
     */
    public record Key(List<Object> values, String json) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.json.equals(json);
        }

        @Override
        public int hashCode() {
            return json.hashCode();
        }
    }

    /** The key of these values, in the table's key column order. */
    public static Key key(AuditedTable table, List<?> values) {
        if (values.size() != table.key().size()) {
            throw new IllegalArgumentException("Table " + table.name() + " has the key " + table.key() + ", not " + values.size()
                    + " value(s): " + values);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("Key column " + table.name() + "." + table.key().get(i) + " is null");
            }
            json.put(table.key().get(i), Json.normalize(value));
        }
        return new Key(new ArrayList<>(values), Json.write(json));
    }

    /** The key of a row read from the table. */
    public static Key key(AuditedTable table, Record row) {
        List<Object> values = new ArrayList<>(table.key().size());
        for (String column : table.key()) {
            Field<?> field = field(row, column);
            if (field == null) {
                throw new IllegalStateException("A row of " + table.name() + " was read without its key column " + column);
            }
            values.add(row.get(field));
        }
        return key(table, values);
    }

    /** The stored (normalized, non-excluded) values of a row, by lower-cased column name, in column order. */
    public static Map<String, Object> values(AuditedTable table, Record row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> field : row.fields()) {
            String column = field.getName().toLowerCase(Locale.ROOT);
            if (table.stores(column)) {
                values.put(column, Json.normalize(row.get(field)));
            }
        }
        return values;
    }

    /**
     * The columns an INSERT gave a value: those stored non-null (by the caller, a plugin or a column
     * default). A column left NULL — omitted or written as NULL, which the stored row cannot tell
     * apart — did not change from "no value".
     */
    public static List<String> given(Map<String, Object> inserted) {
        return inserted.entrySet().stream().filter(entry -> entry.getValue() != null).map(Map.Entry::getKey).toList();
    }

    /** The columns whose stored value differs, in the order of {@code after} then of columns only in {@code before}. */
    public static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((column, value) -> {
            if (!before.containsKey(column) || !Objects.equals(before.get(column), value)) {
                changed.add(column);
            }
        });
        before.keySet().stream().filter(column -> !after.containsKey(column)).forEach(changed::add);
        return changed;
    }

    /**
     * Reads the rows with these keys from the statement's table occurrence, on {@code dsl}'s
     * connection, locking them where the database can ({@code lock}; SQLite locks the whole database
     * for a write transaction anyway).
     */
    public static Map<Key, Record> read(DSLContext dsl, TableReference target, AuditedTable table, Collection<Key> keys, boolean lock) {
        Map<Key, Record> rows = new LinkedHashMap<>();
        List<Key> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            SelectConditionStep<Record> select = (target.hasMetadata() ? dsl.select(target.table().fields()) : dsl.select())
                    .from(target.table()).where(condition(target, table, chunk));
            boolean locking = lock && dsl.dialect().family() != SQLDialect.SQLITE;
            var result = KeyReads.fetch(dsl, target, chunk, locking, locking ? select.forUpdate() : select);
            for (Record row : result) {
                rows.put(key(table, row), row);
            }
        }
        return rows;
    }

    /** {@code key IN (…)} for one column, {@code (k1, k2) IN ((…), …)} for a composite key. */
    public static Condition condition(TableReference target, AuditedTable table, List<Key> keys) {
        if (table.key().size() == 1) {
            Field<Object> column = target.field(table.key().getFirst());
            return column.in(keys.stream().map(key -> key.values().getFirst()).toList());
        }
        List<Field<Object>> columns = table.key().stream().map(target::field).toList();
        List<RowN> rows = keys.stream().map(key -> DSL.row(key.values().toArray())).toList();
        return DSL.row(columns).in(rows);
    }

    /** The field of {@code row} named {@code column}, ignoring case; null if absent. */
    public static Field<?> field(Record row, String column) {
        Field<?> exact = row.field(column);
        if (exact != null) {
            return exact;
        }
        for (Field<?> field : row.fields()) {
            if (field.getName().equalsIgnoreCase(column)) {
                return field;
            }
        }
        return null;
    }
}
