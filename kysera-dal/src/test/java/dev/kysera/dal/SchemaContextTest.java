package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Schema-scoped contexts: two schemas (PostgreSQL schemas, MariaDB databases, H2 schemas) each
 * with a {@code users} table; the generated, unqualified {@code USERS} renders into the context's
 * schema, with plugins, attributes, transactions and savepoints all kept.
 */
class SchemaContextTest {

    private static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static List<String> createTenantSchemas(TestDatabase db) {
        Fixtures.seed(db);
        String a = db.isolationName() + "_ta";
        String b = db.isolationName() + "_tb";
        for (String schema : List.of(a, b)) {
            String like = switch (db.engine()) {
                case POSTGRES -> "create table " + schema + ".users (like " + db.isolationName() + ".users including all)";
                case MARIADB -> "create table " + schema + ".users like " + db.isolationName() + ".users";
                default -> "create table " + schema + ".users as select * from users with no data";
            };
            db.executeScript("drop schema if exists " + schema + (db.engine() == Engine.MARIADB ? "" : " cascade") + ";\n"
                    + "create schema " + schema + ";\n" + like + ";\n");
            CREATED.add(schema);
        }
        db.dsl().insertInto(DSL.table(DSL.name(a, "users")), USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.DELETED_AT)
                .values(1L, "a1@example.com", "a-one", 1, null)
                .values(2L, "a2@example.com", "a-deleted", 1, TestPlugins.STAMP)
                .values(3L, "a3@example.com", "a-other-tenant", 2, null)
                .execute();
        db.dsl().insertInto(DSL.table(DSL.name(b, "users")), USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                .values(1L, "b1@example.com", "b-one", 1)
                .execute();
        return List.of(a, b);
    }

    private static void drop(TestDatabase db, List<String> schemas) {
        for (String schema : schemas) {
            db.executeScript("drop schema if exists " + schema + (db.engine() == Engine.MARIADB ? "" : " cascade") + ";\n");
        }
    }

    private static int rawCount(TestDatabase db, String schema, long id) {
        return db.dsl().fetchCount(DSL.table(DSL.name(schema, "users")), DSL.field(DSL.name("id")).eq(id));
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB, Engine.H2})
    void reads_are_isolated_per_schema_and_plugins_still_filter(TestDatabase db) {
        List<String> schemas = createTenantSchemas(db);
        try {
            List<String> sql = Fixtures.sqlLog();
            DbContext ctx = DbContext.of(Fixtures.executor(db, sql)).with(TestPlugins.TENANT, 1);
            DbContext a = ctx.withSchema(schemas.get(0));
            DbContext b = a.withSchema(schemas.get(1));

            assertThat(DbQueryTest.VISIBLE_NAMES.run(a)).containsExactly("a-one");
            assertThat(DbQueryTest.VISIBLE_NAMES.run(b)).containsExactly("b-one");
            assertThat(DbQueryTest.VISIBLE_NAMES.run(ctx)).containsExactly("alice", "dave", "eve");
            assertThat(DbQueryTest.VISIBLE_NAMES.run(b.withoutSchema())).containsExactly("alice", "dave", "eve");
            assertThat(DbQueryTest.VISIBLE_NAMES.run(DbContext.of(a.executor()))).as("the context's executor keeps the mapping")
                    .containsExactly("a-one");
            assertThat(a.schema()).contains(schemas.get(0));
            assertThat(sql.get(0)).contains(schemas.get(0)).contains("tenant_id").contains("deleted_at");

            assertThat(DbQueryTest.VISIBLE_NAMES.run(a.withoutPlugin("soft-delete"))).containsExactly("a-one", "a-deleted");
            assertThat(DbQueryTest.VISIBLE_NAMES.run(a.with(TestPlugins.TENANT, 2))).containsExactly("a-other-tenant");
            Both<List<String>, List<String>> both = Dal.parallel(DbQueryTest.VISIBLE_NAMES,
                    DbQueryTest.VISIBLE_NAMES.map(names -> names)).run(a);
            assertThat(both).isEqualTo(new Both<>(List.of("a-one"), List.of("a-one")));
        } finally {
            drop(db, schemas);
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB, Engine.H2})
    void transactions_and_nested_savepoints_stay_in_the_schema(TestDatabase db) {
        List<String> schemas = createTenantSchemas(db);
        String a = schemas.get(0);
        try {
            DbContext ctx = DbContext.of(Fixtures.executor(db, Fixtures.sqlLog())).with(TestPlugins.TENANT, 1).withSchema(a);
            IllegalStateException boom = new IllegalStateException("boom");
            List<String> inside = Dal.withTransaction(ctx, tx -> {
                assertThat(tx.schema()).contains(a);
                assertThat(tx.inTransaction()).isTrue();
                Fixtures.insertUser(tx.dsl(), 10L, 1);
                Throwable thrown = catchThrowable(() -> Dal.withTransaction(tx, nested -> {
                    assertThat(nested.schema()).contains(a);
                    Fixtures.insertUser(nested.dsl(), 11L, 1);
                    throw boom;
                }));
                assertThat(thrown).isSameAs(boom);
                Dal.withTransaction(tx, nested -> {
                    Fixtures.insertUser(nested.dsl(), 12L, 1);
                    return null;
                });
                return Dal.withTransaction(tx, DbQueryTest.VISIBLE_NAMES::run);
            });
            assertThat(inside).containsExactly("a-one", "u10", "u12");
            assertThat(List.of(rawCount(db, a, 10L), rawCount(db, a, 11L), rawCount(db, a, 12L))).containsExactly(1, 0, 1);
            assertThat(Fixtures.countRaw(db, 10L, 11L, 12L)).as("nothing went to the default schema").isZero();

            assertThat(catchThrowable(() -> Dal.withTransaction(ctx, tx -> {
                Fixtures.insertUser(tx.dsl(), 13L, 1);
                return Dal.withTransaction(tx.withSchema(schemas.get(1)), nested -> {
                    Fixtures.insertUser(nested.dsl(), 14L, 1);
                    throw boom;
                });
            }))).isSameAs(boom);
            assertThat(rawCount(db, a, 13L) + rawCount(db, schemas.get(1), 14L)).as("a failed transaction leaves nothing").isZero();
        } finally {
            drop(db, schemas);
        }
    }
}
