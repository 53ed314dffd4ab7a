package dev.kysera.cli.internal;

import dev.kysera.core.dialect.SchemaTools;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Meta;
import org.jooq.Schema;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/** The tables of the connection's current schema as jOOQ's {@link Meta} reads them from JDBC metadata. */
final class Introspection {

    /** One column. {@code javaType} is what jOOQ reads it as. */
    record Column(String name, String type, Class<?> javaType, boolean nullable, boolean identity, boolean hasDefault) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("type", type);
            out.put("javaType", javaType.getName());
            out.put("nullable", nullable);
            out.put("identity", identity);
            out.put("hasDefault", hasDefault);
            return out;
        }
    }

    record ForeignKeyInfo(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
        Map<String, Object> json() {
            return ordered("name", name, "columns", columns, "referencedTable", referencedTable, "referencedColumns", referencedColumns);
        }
    }

    record IndexInfo(String name, boolean unique, List<String> columns) {
        Map<String, Object> json() {
            return ordered("name", name, "unique", unique, "columns", columns);
        }
    }

    record TableInfo(String name, String type, List<Column> columns, List<String> primaryKey, List<IndexInfo> uniqueKeys,
                     List<ForeignKeyInfo> foreignKeys, List<IndexInfo> indexes, Table<?> table) {
        Map<String, Object> json() {
            return ordered("name", name, "type", type, "columns", columns.stream().map(Column::json).toList(), "primaryKey", primaryKey,
                    "uniqueKeys", uniqueKeys.stream().map(IndexInfo::json).toList(),
                    "foreignKeys", foreignKeys.stream().map(ForeignKeyInfo::json).toList(),
                    "indexes", indexes.stream().map(IndexInfo::json).toList());
        }
    }

    private Introspection() {
    }

    /** The current schema's tables (and views), by name; {@code only} keeps one table (null for all). */
    static List<TableInfo> read(DSLContext dsl, String only) {
        Schema schema = currentSchema(dsl);
        List<TableInfo> tables = new ArrayList<>();
        for (Table<?> table : schema.getTables()) {
            String name = table.getName();
            if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_") || only != null && !name.equalsIgnoreCase(only)) {
                continue;
            }
            tables.add(describe(table));
        }
        tables.sort(Comparator.comparing(TableInfo::name));
        if (only != null && tables.isEmpty()) {
            throw new CommandFailedException("No table '" + only + "' in schema " + displayName(schema));
        }
        return tables;
    }

    static Schema currentSchema(DSLContext dsl) {
        String current = SchemaTools.of(dsl).currentSchema();
        List<Schema> schemas = dsl.meta().getSchemas();
        for (Schema schema : schemas) {
            if (schema.getName().equalsIgnoreCase(current)) {
                return schema;
            }
        }
        if (schemas.size() == 1) {
            return schemas.get(0);
        }
        throw new CommandFailedException("The current schema '" + current + "' is not among the schemas the database reports: "
                + schemas.stream().map(Schema::getName).toList());
    }

    private static String displayName(Schema schema) {
        return schema.getName().isEmpty() ? "(default)" : schema.getName();
    }

    private static TableInfo describe(Table<?> table) {
        List<Column> columns = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            DataType<?> type = field.getDataType();
            columns.add(new Column(field.getName(), type.getTypeName(), type.getType(), type.nullable(), type.identity(), type.defaulted()));
        }
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        List<String> key = primaryKey == null ? List.of() : names(primaryKey.getFields());
        // Unique constraints: some databases report them as keys, not as indexes (MariaDB), some as both.
        List<IndexInfo> uniqueKeys = new ArrayList<>();
        for (UniqueKey<?> unique : table.getUniqueKeys()) {
            if (!unique.isPrimary()) {
                uniqueKeys.add(new IndexInfo(unique.getName(), true, names(unique.getFields())));
            }
        }
        uniqueKeys.sort(Comparator.comparing(IndexInfo::name));
        List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
        for (ForeignKey<?, ?> reference : table.getReferences()) {
            foreignKeys.add(new ForeignKeyInfo(reference.getName(), names(reference.getFields()), reference.getKey().getTable().getName(),
                    names(reference.getKeyFields())));
        }
        List<IndexInfo> indexes = new ArrayList<>();
        for (Index index : table.getIndexes()) {
            indexes.add(new IndexInfo(index.getName(), index.getUnique(), index.getFields().stream().map(SortField::getName).toList()));
        }
        indexes.sort(Comparator.comparing(IndexInfo::name));
        String type = table.getTableType() == null ? "TABLE" : table.getTableType().name();
        return new TableInfo(table.getName(), type, columns, key, uniqueKeys, foreignKeys, indexes, table);
    }

    private static List<String> names(List<? extends TableField<?, ?>> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
