package dev.kysera.testing.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Creating and dropping schemas on PostgreSQL and H2, databases on MariaDB; refused on SQLite (attached files). */
class SchemaCleanerSchemaTest {

    @MatrixTest(except = Engine.SQLITE)
    void create_inspect_and_drop_a_schema(TestDatabase db) {
        SchemaCleaner cleaner = SchemaCleaner.of(db.dsl());
        SchemaTools tools = cleaner.tools();
        String name = "kx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            assertThat(tools.schemaExists(name)).isFalse();
            assertThat(cleaner.createSchema(name)).isTrue();
            assertThat(cleaner.createSchema(name)).as("second create").isFalse();
            assertThat(tools.schemaExists(name)).isTrue();
            assertThat(tools.listSchemas()).contains(name).doesNotContain("information_schema", "INFORMATION_SCHEMA");

            db.dsl().createTable(DSL.name(name, "only_here")).column("id", SQLDataType.INTEGER).execute();
            SchemaTools scoped = tools.inSchema(name);
            assertThat(scoped.schema()).contains(name);
            assertThat(scoped.currentSchema()).isEqualTo(name);
            assertThat(scoped.tableExists("only_here")).isTrue();
            assertThat(scoped.listTables()).containsExactly("only_here");
            assertThat(scoped.columnExists("only_here", "id")).isTrue();
            assertThat(tools.tableExists("only_here")).as("not in the current schema").isFalse();
            assertThat(scoped.tableExists("users")).isFalse();

            db.dsl().insertInto(DSL.table(DSL.name(name, "only_here"))).columns(DSL.field(DSL.name("id"))).values(7).execute();
            assertThat(cleaner.inSchema(name).cleanAll().emptied()).containsExactly("only_here");
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name(name, "only_here")))).isZero();

            assertThatThrownBy(() -> cleaner.dropSchema(name, false)).as("not empty, no cascade")
                    // MariaDB's DROP DATABASE would drop the tables with it, so SchemaCleaner refuses before any SQL.
                    .isInstanceOf(db.engine() == dev.kysera.testsupport.Engine.MARIADB
                            ? IllegalStateException.class : org.jooq.exception.DataAccessException.class);
            assertThat(tools.schemaExists(name)).isTrue();
            assertThat(cleaner.dropSchema(name, true)).isTrue();
            assertThat(cleaner.dropSchema(name, true)).as("second drop").isFalse();
            assertThat(tools.schemaExists(name)).isFalse();
        } finally {
            db.dsl().dropSchemaIfExists(DSL.name(name)).execute();
        }
    }

    @MatrixTest(except = Engine.SQLITE)
    void protected_schemas_are_refused_before_any_sql(TestDatabase db) {
        SchemaCleaner cleaner = SchemaCleaner.of(db.dsl());
        SchemaTools tools = cleaner.tools();
        String[] protectedNames = switch (db.engine()) {
            case POSTGRES -> new String[] {"public", "pg_catalog", "information_schema", "PUBLIC"};
            case H2 -> new String[] {"public", "PUBLIC", "information_schema"};
            case MARIADB -> new String[] {"mysql", "information_schema", "performance_schema", "sys"};
            case SQLITE -> throw new AssertionError();
        };
        for (String name : protectedNames) {
            assertThatThrownBy(() -> cleaner.dropSchema(name, true)).as(name)
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("protected");
        }
        assertThatThrownBy(() -> cleaner.dropSchema("bad-schema", true)).isInstanceOf(BadRequestException.class);
        String existing = db.engine() == Engine.MARIADB ? "mysql" : db.engine() == Engine.H2 ? "public" : "public";
        assertThat(tools.schemaExists(existing)).isTrue();
    }

    @MatrixTest(only = Engine.SQLITE)
    void sqlite_schemas_are_attached_databases_without_ddl(TestDatabase db) {
        SchemaCleaner cleaner = SchemaCleaner.of(db.dsl());
        SchemaTools tools = cleaner.tools();
        assertThat(tools.listSchemas()).contains("main");
        assertThat(tools.schemaExists("main")).isTrue();
        assertThat(tools.schemaExists("nowhere")).isFalse();
        assertThat(tools.capabilities().canCreateSchemas()).isFalse();
        assertThatThrownBy(() -> cleaner.createSchema("extra")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cleaner.dropSchema("extra", true)).isInstanceOf(UnsupportedOperationException.class);
    }
}
