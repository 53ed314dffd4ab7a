package dev.kysera.core.dialect.internal;

import dev.kysera.core.dialect.ColumnInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * SQLite: {@code sqlite_master} and the table-valued pragmas ({@code pragma_table_info},
 * {@code pragma_foreign_key_list}, {@code pragma_database_list}); a "schema" is an attached
 * database ({@code main} by default). Table names are case-insensitive in SQLite, so they are
 * matched that way and reported as stored. Internal, not API.
 */
final class SqliteCatalog implements Catalog {

    private static final String TABLES = "select name from {0} where type = 'table' and name not like 'sqlite\\_%' escape '\\'";

    private static final String COLUMNS = "select name, type, \"notnull\", cid from pragma_table_info({0}, {1}) order by cid";

    private static final String FOREIGN_KEYS = "select m.name, p.\"table\" from {0} m"
            + " join pragma_foreign_key_list(m.name, {1}) p where m.type = 'table'";

    private static final String DATABASES = "select name from pragma_database_list";

    private static Table<?> master(String schema) {
        return DSL.table(DSL.name(schema, "sqlite_master"));
    }

    @Override
    public String currentSchema(DSLContext dsl) {
        return "main";
    }

    @Override
    public List<String> tables(DSLContext dsl, String schema, String name) {
        List<String> names = name == null
                ? dsl.resultQuery(TABLES, master(schema)).fetch(0, String.class)
                : dsl.resultQuery(TABLES + " and lower(name) = lower({1})", master(schema), DSL.val(name)).fetch(0, String.class);
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public boolean namesIgnoreCase() {
        return true;
    }

    @Override
    public List<ColumnInfo> columns(DSLContext dsl, String schema, String table) {
        return dsl.resultQuery(COLUMNS, DSL.val(table), DSL.val(schema))
                .fetch(r -> new ColumnInfo(r.get(0, String.class), r.get(1, String.class),
                        r.get(2, Integer.class) == 0, r.get(3, Integer.class) + 1));
    }

    @Override
    public List<ForeignKey> foreignKeysInto(DSLContext dsl, String schema) {
        // The referenced table is named as the DDL spelled it; map it to the stored spelling.
        Map<String, String> stored = new HashMap<>();
        tables(dsl, schema, null).forEach(t -> stored.put(t.toLowerCase(Locale.ROOT), t));
        return dsl.resultQuery(FOREIGN_KEYS, master(schema), DSL.val(schema))
                .fetch(r -> {
                    String parent = r.get(1, String.class);
                    return new ForeignKey(schema, r.get(0, String.class),
                            stored.getOrDefault(parent.toLowerCase(Locale.ROOT), parent));
                });
    }

    /**
     * DELETE in foreign-key-safe order inside one transaction, with foreign key checks deferred to
     * the commit (so cycles work too), then forgets the tables' AUTOINCREMENT counters in
     * {@code sqlite_sequence}. Tables whose key is a plain {@code INTEGER PRIMARY KEY} restart at
     * 1 anyway once empty (the next rowid is max(rowid) + 1).
     */
    @Override
    public void empty(DSLContext dsl, String schema, List<String> tablesChildrenFirst) {
        boolean hasSequences = dsl.fetchExists(DSL.selectOne().from(master(schema))
                .where(DSL.field(DSL.unquotedName("name"), String.class).eq("sqlite_sequence")));
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            tx.execute("pragma defer_foreign_keys = on");
            for (String table : tablesChildrenFirst) {
                tx.deleteFrom(DSL.table(DSL.name(schema, table))).execute();
            }
            if (hasSequences) {
                Field<String> name = DSL.field(DSL.name("name"), String.class);
                tx.deleteFrom(DSL.table(DSL.name(schema, "sqlite_sequence")))
                        .where(DSL.lower(name).in(tablesChildrenFirst.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()))
                        .execute();
            }
        });
    }

    @Override
    public List<String> schemas(DSLContext dsl) {
        return dsl.resultQuery(DATABASES).fetch(0, String.class).stream().sorted().toList();
    }

    @Override
    public boolean schemaExists(DSLContext dsl, String schema) {
        return dsl.resultQuery(DATABASES).fetch(0, String.class).stream().anyMatch(schema::equalsIgnoreCase);
    }

    @Override
    public boolean isProtectedSchema(String schema) {
        return schema.equalsIgnoreCase("main") || schema.equalsIgnoreCase("temp");
    }

    @Override
    public void createSchema(DSLContext dsl, String schema) {
        throw new UnsupportedOperationException("SQLite has no CREATE SCHEMA; attach a database file instead");
    }

    @Override
    public void dropSchema(DSLContext dsl, String schema, boolean cascade) {
        throw new UnsupportedOperationException("SQLite has no DROP SCHEMA; detach the database file instead");
    }
}
