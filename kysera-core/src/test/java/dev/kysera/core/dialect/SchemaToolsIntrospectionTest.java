package dev.kysera.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** §9.4 tests 1 and 5: table and column existence, exact listings, injection attempts. */
class SchemaToolsIntrospectionTest {

    private static final List<String> USERS_COLUMNS =
            List.of("id", "email", "name", "status", "version", "tenant_id", "created_at", "updated_at", "deleted_at");

    @MatrixTest
    void tables_and_columns_exist_or_not(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.useTestSchema().dsl());
        assertThat(tools.tableExists("users")).isTrue();
        assertThat(tools.tableExists("posts")).isTrue();
        assertThat(tools.tableExists("no_such_table")).isFalse();
        assertThat(tools.columnExists("users", "email")).isTrue();
        assertThat(tools.columnExists("users", "no_such_column")).isFalse();
        assertThat(tools.columnExists("no_such_table", "email")).isFalse();
    }

    @MatrixTest
    void list_tables_is_exactly_the_schema_s_base_tables(TestDatabase db) {
        db.useTestSchema();
        // on SQLite an AUTOINCREMENT insert creates the internal sqlite_sequence table
        db.dsl().execute("insert into users (email, name) values ('a@example.com', 'A')");
        SchemaTools tools = SchemaTools.of(db.dsl());
        assertThat(tools.listTables()).containsExactlyElementsOf(TestDatabase.TEST_TABLES.stream().sorted().toList());
        if (db.engine() == Engine.SQLITE) {
            assertThat(db.dsl().fetchExists(DSL.selectOne().from(DSL.table(DSL.name("sqlite_master")))
                    .where(DSL.field(DSL.name("name")).eq("sqlite_sequence")))).as("sqlite_sequence exists").isTrue();
        }
    }

    @MatrixTest
    void views_are_not_tables(TestDatabase db) {
        db.useTestSchema();
        db.dsl().createView(DSL.name("active_users")).as(DSL.select(DSL.field(DSL.name("id")))
                .from(DSL.table(DSL.name("users")))).execute();
        try {
            SchemaTools tools = SchemaTools.of(db.dsl());
            assertThat(tools.tableExists("active_users")).isFalse();
            assertThat(tools.listTables()).doesNotContain("active_users").contains("users");
            assertThat(tools.columnExists("active_users", "id")).isTrue();
        } finally {
            db.dsl().dropView(DSL.name("active_users")).execute();
        }
    }

    @MatrixTest
    void list_columns_gives_the_exact_columns_in_order(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.useTestSchema().dsl());
        List<ColumnInfo> columns = tools.listColumns("users");
        assertThat(columns).extracting(ColumnInfo::name).containsExactlyElementsOf(USERS_COLUMNS);
        assertThat(columns).extracting(ColumnInfo::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(columns.get(1).nullable()).as("email").isFalse();
        assertThat(columns.get(5).nullable()).as("tenant_id").isTrue();
        assertThat(columns.get(1).dataType()).containsIgnoringCase("char");
        assertThat(tools.listColumns("no_such_table")).isEmpty();
    }

    @MatrixTest
    void foreign_keys_into_the_schema_are_listed_exactly(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.useTestSchema().dsl());
        String schema = tools.currentSchema();
        // the shared test schema: posts -> users, post_tags -> posts and tags, categories -> itself
        assertThat(tools.foreignKeysInto()).containsExactlyInAnyOrder(
                new ForeignKeyInfo(schema, "posts", "users"),
                new ForeignKeyInfo(schema, "post_tags", "posts"),
                new ForeignKeyInfo(schema, "post_tags", "tags"),
                new ForeignKeyInfo(schema, "categories", "categories"));
    }

    @MatrixTest
    void its_context_has_no_visit_listeners_and_quotes_names(TestDatabase db) {
        DSLContext rewriting = db.dsl().configuration().derive(new org.jooq.VisitListener() {
        }).dsl();
        assertThat(rewriting.configuration().visitListenerProviders()).hasSize(1);
        SchemaTools tools = SchemaTools.of(rewriting);
        assertThat(tools.dsl().configuration().visitListenerProviders()).isEmpty();
        assertThat(tools.dsl().settings().getRenderQuotedNames()).isEqualTo(org.jooq.conf.RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED);
        assertThat(tools.dsl().settings().isRenderSchema()).isTrue();
        assertThat(tools.inSchema("x_schema").dsl()).isSameAs(tools.dsl());
    }

    @MatrixTest
    void the_current_schema_is_the_isolated_one(TestDatabase db) {
        SchemaTools tools = SchemaTools.of(db.dsl());
        String expected = switch (db.engine()) {
            case POSTGRES, MARIADB -> db.isolationName();
            case SQLITE -> "main";
            case H2 -> "public"; // DATABASE_TO_LOWER=TRUE
        };
        assertThat(tools.currentSchema()).isEqualTo(expected);
        assertThat(tools.schema()).isEmpty();
        assertThat(tools.inSchema(expected).listTables()).isEqualTo(tools.listTables());
    }

    @MatrixTest
    void sqlite_names_are_case_insensitive_like_sqlite_itself(TestDatabase db, Engine engine) {
        SchemaTools tools = SchemaTools.of(db.useTestSchema().dsl());
        boolean sqlite = engine == Engine.SQLITE;
        assertThat(tools.tableExists("USERS")).isEqualTo(sqlite);
        assertThat(tools.columnExists("users", "EMAIL")).isEqualTo(sqlite);
    }

    @MatrixTest
    void injection_attempts_are_rejected_before_any_sql(TestDatabase db) {
        db.useTestSchema();
        List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        DSLContext counting = db.dsl().configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        }).dsl();
        SchemaTools tools = SchemaTools.of(counting);
        assertThatThrownBy(() -> tools.tableExists("users; DROP TABLE users")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> tools.listColumns("x' OR 1=1")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> tools.columnExists("users", "email; --")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> tools.inSchema("bad-schema")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> tools.schemaExists("bad schema")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> tools.tableExists("a".repeat(300))).isInstanceOf(BadRequestException.class);
        assertThat(statements).as("statements run").isEmpty();
        // the probe itself goes through the listener: it can see statements
        assertThat(tools.tableExists("users")).isTrue();
        assertThat(statements).isNotEmpty();
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("users")))).isZero();
    }

    @MatrixTest
    void a_broken_connection_is_an_exception_not_an_empty_answer(TestDatabase db) throws Exception {
        Connection connection = db.newConnection();
        connection.close();
        SchemaTools tools = SchemaTools.of(DSL.using(connection, db.dialect()));
        assertThatThrownBy(() -> tools.inSchema("x_schema").tableExists("users")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> tools.inSchema("x_schema").listTables()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> tools.inSchema("x_schema").listColumns("users")).isInstanceOf(DataAccessException.class);
    }
}
