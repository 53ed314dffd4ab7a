package dev.kysera.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;

/** §9.4 tests 2 and 9 (schema parts): listing schemas; creating and dropping them is tested in kysera-testing. */
class SchemaToolsSchemaTest {

    @MatrixTest(only = Engine.POSTGRES)
    void postgres_lists_no_system_schemas(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.dsl());
        assertThat(tools.listSchemas()).contains("public", db.isolationName())
                .noneMatch(s -> s.startsWith("pg_")).doesNotContain("information_schema");
        assertThat(tools.schemaExists("pg_catalog")).isTrue();
    }

    @MatrixTest(only = Engine.SQLITE)
    void sqlite_schemas_are_attached_databases_without_ddl(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.dsl());
        assertThat(tools.listSchemas()).contains("main");
        assertThat(tools.schemaExists("main")).isTrue();
        assertThat(tools.schemaExists("nowhere")).isFalse();
        assertThat(tools.capabilities().canCreateSchemas()).isFalse();
    }
}
