package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Test data and executors. Tenant 1 sees alice, dave and eve (bob is soft-deleted, carol belongs to
 * tenant 2). Executors record the SQL of every statement they run, as sent to the database.
 */
final class Fixtures {

    static final long ALICE = 1001, BOB = 1002, CAROL = 1003, DAVE = 1004, EVE = 1005;

    private Fixtures() {
    }

    static void seed(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.DELETED_AT)
                .values(ALICE, "alice@example.com", "alice", 1, null)
                .values(BOB, "bob@example.com", "bob", 1, TestPlugins.STAMP)
                .values(CAROL, "carol@example.com", "carol", 2, null)
                .values(DAVE, "dave@example.com", "dave", 1, null)
                .values(EVE, "eve@example.com", "eve", 1, null)
                .execute();
    }

    /** A root executor with the tenant and soft-delete plugins, over the database's pool, recording SQL into {@code sql}. */
    static Executor executor(TestDatabase db, List<String> sql) {
        return Executor.of(recording(db.dsl(), sql), new TestPlugins.Tenant(), new TestPlugins.SoftDelete());
    }

    /** The seeded database's executor, as tenant 1. */
    static DbContext tenantOne(TestDatabase db, List<String> sql) {
        seed(db);
        return DbContext.of(executor(db, sql)).with(TestPlugins.TENANT, 1);
    }

    static List<String> sqlLog() {
        return new CopyOnWriteArrayList<>();
    }

    /** {@code dsl} with a listener that appends each statement's SQL to {@code sql}. */
    static DSLContext recording(DSLContext dsl, List<String> sql) {
        DefaultConfiguration configuration = (DefaultConfiguration) dsl.configuration().derive();
        configuration.set(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                sql.add(ctx.sql());
            }
        });
        return DSL.using(configuration);
    }

    static void insertUser(DSLContext dsl, long id, int tenant) {
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                .values(id, "u" + id + "@example.com", "u" + id, tenant).execute();
    }

    /** Rows with these ids, counted without plugins. */
    static int countRaw(TestDatabase db, Long... ids) {
        return db.dsl().fetchCount(USERS, USERS.ID.in(ids));
    }

    /** SQL returning an id of the database session that runs it, or null where there is none (SQLite). */
    static String sessionIdQuery(Engine engine) {
        return switch (engine) {
            case POSTGRES -> "select pg_backend_pid()";
            case MARIADB -> "select connection_id()";
            case H2 -> "select session_id()";
            case SQLITE -> null;
        };
    }

    static String isolationQuery(Engine engine) {
        return engine == Engine.POSTGRES ? "show transaction_isolation" : "select @@tx_isolation";
    }

    static String readOnlyQuery(Engine engine) {
        return engine == Engine.POSTGRES ? "show transaction_read_only" : "select @@tx_read_only";
    }
}
