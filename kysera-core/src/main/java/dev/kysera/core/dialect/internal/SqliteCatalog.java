package dev.kysera.core.dialect.internal;

import dev.kysera.core.dialect.ColumnInfo;
import dev.kysera.core.dialect.ForeignKeyInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
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
    public List<ForeignKeyInfo> foreignKeysInto(DSLContext dsl, String schema) {
        // The referenced table is named as the DDL spelled it; map it to the stored spelling.
        Map<String, String> stored = new HashMap<>();
        tables(dsl, schema, null).forEach(t -> stored.put(t.toLowerCase(Locale.ROOT), t));
        return dsl.resultQuery(FOREIGN_KEYS, master(schema), DSL.val(schema))
                .fetch(r -> {
                    String parent = r.get(1, String.class);
                    return new ForeignKeyInfo(schema, r.get(0, String.class),
                            stored.getOrDefault(parent.toLowerCase(Locale.ROOT), parent));
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
}
