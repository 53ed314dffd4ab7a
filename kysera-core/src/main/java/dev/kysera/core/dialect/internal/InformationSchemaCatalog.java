package dev.kysera.core.dialect.internal;

import dev.kysera.core.dialect.ColumnInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * PostgreSQL, H2 and MySQL/MariaDB: tables and columns from {@code information_schema} (a single
 * indexed catalog query, ~1 ms, where {@code DSLContext.meta()} takes 0.2–0.5 s and fails outright
 * on MariaDB 10.11); foreign keys from {@code pg_catalog} on PostgreSQL (its information_schema hides
 * tables the user has no privilege on), the standard views on H2 and MariaDB's
 * {@code REFERENCED_TABLE_NAME}. Internal, not API.
 */
final class InformationSchemaCatalog implements Catalog {

    private static final String TABLES = "select table_name from information_schema.tables"
            + " where table_schema = ? and table_type in ('BASE TABLE', 'SYSTEM VERSIONED')";

    private static final String COLUMNS = "select table_name, column_name, data_type, is_nullable, ordinal_position"
            + " from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position";

    private static final String POSTGRES_FOREIGN_KEYS = "select cn.nspname, cc.relname, pc.relname"
            + " from pg_catalog.pg_constraint c"
            + " join pg_catalog.pg_class cc on cc.oid = c.conrelid"
            + " join pg_catalog.pg_namespace cn on cn.oid = cc.relnamespace"
            + " join pg_catalog.pg_class pc on pc.oid = c.confrelid"
            + " join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace"
            + " where c.contype = 'f' and pn.nspname = ?";

    private static final String H2_FOREIGN_KEYS = "select fk.table_schema, fk.table_name, pk.table_name"
            + " from information_schema.referential_constraints rc"
            + " join information_schema.table_constraints fk"
            + " on fk.constraint_schema = rc.constraint_schema and fk.constraint_name = rc.constraint_name"
            + " join information_schema.table_constraints pk"
            + " on pk.constraint_schema = rc.unique_constraint_schema and pk.constraint_name = rc.unique_constraint_name"
            + " where pk.table_schema = ?";

    private static final String MYSQL_FOREIGN_KEYS = "select constraint_schema, table_name, referenced_table_name"
            + " from information_schema.referential_constraints where unique_constraint_schema = ?";

    private static final String POSTGRES_SCHEMAS = "select nspname from pg_catalog.pg_namespace"
            + " where nspname not like 'pg\\_%' and nspname <> 'information_schema'";

    private static final String SCHEMATA = "select schema_name from information_schema.schemata";

    private static final Set<String> POSTGRES_PROTECTED = Set.of("public", "information_schema");
    private static final Set<String> H2_PROTECTED = Set.of("public", "information_schema");
    private static final Set<String> MYSQL_PROTECTED = Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final SQLDialect family;

    InformationSchemaCatalog(SQLDialect family) {
        this.family = family;
    }

    private boolean mysqlLike() {
        return family == SQLDialect.MARIADB || family == SQLDialect.MYSQL;
    }

    @Override
    public String currentSchema(DSLContext dsl) {
        String schema = dsl.select(DSL.currentSchema()).fetchOne(0, String.class);
        if (schema == null || schema.isEmpty()) {
            throw new IllegalStateException("The connection has no current " + (mysqlLike() ? "database" : "schema")
                    + "; name one with SchemaTools.inSchema(...)");
        }
        return schema;
    }

    @Override
    public List<String> tables(DSLContext dsl, String schema, String name) {
        List<String> names = name == null
                ? dsl.resultQuery(TABLES, schema).fetch(0, String.class)
                : dsl.resultQuery(TABLES + " and table_name = ?", schema, name).fetch(0, String.class);
        // MySQL/MariaDB compare catalog names case-insensitively; quoted names on the server do not.
        return names.stream().filter(n -> name == null || n.equals(name)).sorted().toList();
    }

    @Override
    public boolean namesIgnoreCase() {
        return false;
    }

    @Override
    public List<ColumnInfo> columns(DSLContext dsl, String schema, String table) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (Record r : dsl.resultQuery(COLUMNS, schema, table).fetch()) {
            if (table.equals(r.get(0, String.class))) {
                columns.add(new ColumnInfo(r.get(1, String.class), r.get(2, String.class),
                        "YES".equalsIgnoreCase(r.get(3, String.class)), r.get(4, Integer.class)));
            }
        }
        columns.sort(Comparator.comparingInt(ColumnInfo::position));
        return List.copyOf(columns);
    }

    @Override
    public List<ForeignKey> foreignKeysInto(DSLContext dsl, String schema) {
        String sql = switch (family) {
            case POSTGRES -> POSTGRES_FOREIGN_KEYS;
            case H2 -> H2_FOREIGN_KEYS;
            default -> MYSQL_FOREIGN_KEYS;
        };
        return dsl.resultQuery(sql, schema)
                .fetch(r -> new ForeignKey(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class)));
    }

    @Override
    public void empty(DSLContext dsl, String schema, List<String> tablesChildrenFirst) {
        List<Table<?>> tables = tablesChildrenFirst.stream().<Table<?>>map(t -> DSL.table(DSL.name(schema, t))).toList();
        switch (family) {
            // One statement: PostgreSQL accepts truncating tables that reference each other when all
            // of them are listed, restarts their owned sequences, and rolls back with the transaction.
            case POSTGRES -> dsl.truncate(tables).restartIdentity().execute();
            // H2 refuses TRUNCATE on a referenced table, even an empty one, unless referential
            // integrity is off; that switch is database-wide in H2, so it is switched back on at once.
            case H2 -> onOneConnection(dsl, one -> {
                one.execute("set referential_integrity false");
                try {
                    tables.forEach(t -> one.truncate(t).restartIdentity().execute());
                } finally {
                    one.execute("set referential_integrity true");
                }
            });
            // MySQL/MariaDB: foreign_key_checks is a session variable, so the whole sequence runs on one
            // connection and the previous value is restored in finally. TRUNCATE resets AUTO_INCREMENT
            // but is DDL there: it commits an open transaction.
            default -> onOneConnection(dsl, one -> {
                Integer previous = one.resultQuery("select @@foreign_key_checks").fetchOne(0, Integer.class);
                one.execute("set foreign_key_checks = 0");
                RuntimeException failure = null;
                try {
                    tables.forEach(t -> one.truncate(t).execute());
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                } finally {
                    restoreForeignKeyChecks(one, previous == null ? 1 : previous, failure);
                }
            });
        }
    }

    private static void restoreForeignKeyChecks(DSLContext one, int value, RuntimeException failure) {
        try {
            one.query("set foreign_key_checks = {0}", DSL.inline(value)).execute();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** Runs {@code work} with a context bound to one connection of {@code dsl}, keeping its settings and listeners. */
    static void onOneConnection(DSLContext dsl, Consumer<DSLContext> work) {
        dsl.connection(c -> work.accept(dsl.configuration().derive(new DefaultConnectionProvider(c)).dsl()));
    }

    @Override
    public List<String> schemas(DSLContext dsl) {
        List<String> names = family == SQLDialect.POSTGRES
                ? dsl.resultQuery(POSTGRES_SCHEMAS).fetch(0, String.class)
                : dsl.resultQuery(SCHEMATA).fetch(0, String.class);
        return names.stream().filter(n -> !isSystemSchema(n)).sorted().toList();
    }

    private boolean isSystemSchema(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (family) {
            case POSTGRES -> lower.startsWith("pg_") || lower.equals("information_schema");
            case H2 -> lower.equals("information_schema");
            default -> MYSQL_PROTECTED.contains(lower);
        };
    }

    @Override
    public boolean schemaExists(DSLContext dsl, String schema) {
        String sql = family == SQLDialect.POSTGRES
                ? "select nspname from pg_catalog.pg_namespace where nspname = ?"
                : SCHEMATA + " where schema_name = ?";
        return dsl.resultQuery(sql, schema).fetch(0, String.class).stream().anyMatch(schema::equals);
    }

    @Override
    public boolean isProtectedSchema(String schema) {
        String lower = schema.toLowerCase(Locale.ROOT);
        return switch (family) {
            case POSTGRES -> POSTGRES_PROTECTED.contains(lower) || lower.startsWith("pg_");
            case H2 -> H2_PROTECTED.contains(lower);
            default -> MYSQL_PROTECTED.contains(lower);
        };
    }

    @Override
    public void createSchema(DSLContext dsl, String schema) {
        dsl.createSchemaIfNotExists(DSL.name(schema)).execute();
    }

    @Override
    public void dropSchema(DSLContext dsl, String schema, boolean cascade) {
        if (mysqlLike()) {
            // DROP DATABASE always takes the tables with it; RESTRICT is emulated.
            if (!cascade && !tables(dsl, schema, null).isEmpty()) {
                throw new IllegalStateException("Database '" + schema + "' still has tables; drop it with cascade");
            }
            dsl.dropSchemaIfExists(DSL.name(schema)).execute();
        } else if (cascade) {
            dsl.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        } else {
            dsl.dropSchemaIfExists(DSL.name(schema)).restrict().execute();
        }
    }
}
