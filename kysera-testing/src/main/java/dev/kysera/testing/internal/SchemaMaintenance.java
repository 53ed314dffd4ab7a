package dev.kysera.testing.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * The per-database statements behind {@link dev.kysera.testing.schema.SchemaCleaner}: emptying
 * tables with identities restarted, creating and dropping schemas. Identifiers reaching here are
 * already validated; they are rendered as quoted names, never concatenated. Errors are not caught.
 */
public sealed interface SchemaMaintenance {

    /** The maintenance of a dialect family. */
    static SchemaMaintenance of(SQLDialect family) {
        return family == SQLDialect.SQLITE ? new Sqlite() : new Server(family);
    }

    /** Empties the tables (given children first) and restarts their identities. */
    void empty(DSLContext dsl, String schema, List<String> tablesChildrenFirst);

    /** Whether {@code schema} must never be dropped. */
    boolean isProtectedSchema(String schema);

    /** Whether dropping a schema always drops its tables with it (MySQL/MariaDB's DROP DATABASE). */
    boolean dropsContents();

    /** Creates the schema if absent; the caller checked support. */
    void createSchema(DSLContext dsl, String schema);

    /** Drops the schema if present; {@code cascade} drops its contents with it. */
    void dropSchema(DSLContext dsl, String schema, boolean cascade);

    /** PostgreSQL, H2, MySQL/MariaDB. */
    record Server(SQLDialect family) implements SchemaMaintenance {

        private static final Set<String> POSTGRES_PROTECTED = Set.of("public", "information_schema");
        private static final Set<String> H2_PROTECTED = Set.of("public", "information_schema");
        private static final Set<String> MYSQL_PROTECTED = Set.of("mysql", "information_schema", "performance_schema", "sys");

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
        private static void onOneConnection(DSLContext dsl, Consumer<DSLContext> work) {
            dsl.connection(c -> work.accept(dsl.configuration().derive(new DefaultConnectionProvider(c)).dsl()));
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
        public boolean dropsContents() {
            return family == SQLDialect.MARIADB || family == SQLDialect.MYSQL;
        }

        @Override
        public void createSchema(DSLContext dsl, String schema) {
            dsl.createSchemaIfNotExists(DSL.name(schema)).execute();
        }

        @Override
        public void dropSchema(DSLContext dsl, String schema, boolean cascade) {
            if (dropsContents()) {
                // DROP DATABASE always takes the tables with it; the caller emulated RESTRICT.
                dsl.dropSchemaIfExists(DSL.name(schema)).execute();
            } else if (cascade) {
                dsl.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
            } else {
                dsl.dropSchemaIfExists(DSL.name(schema)).restrict().execute();
            }
        }
    }

    /** SQLite: a schema is an attached database file, so there is no schema DDL. */
    record Sqlite() implements SchemaMaintenance {

        /**
         * DELETE in foreign-key-safe order inside one transaction, with foreign key checks deferred to
         * the commit (so cycles work too), then forgets the tables' AUTOINCREMENT counters in
         * {@code sqlite_sequence}. Tables whose key is a plain {@code INTEGER PRIMARY KEY} restart at
         * 1 anyway once empty (the next rowid is max(rowid) + 1).
         */
        @Override
        public void empty(DSLContext dsl, String schema, List<String> tablesChildrenFirst) {
            Table<?> master = DSL.table(DSL.name(schema, "sqlite_master"));
            boolean hasSequences = dsl.fetchExists(DSL.selectOne().from(master)
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
        public boolean isProtectedSchema(String schema) {
            return schema.equalsIgnoreCase("main") || schema.equalsIgnoreCase("temp");
        }

        @Override
        public boolean dropsContents() {
            return false;
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
}
