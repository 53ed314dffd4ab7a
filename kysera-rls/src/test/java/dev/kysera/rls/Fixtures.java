package dev.kysera.rls;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.TestDatabase;
import java.util.EnumSet;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;

/**
 * The rows and policies the RLS tests run with, written without plugins.
 * <pre>
 * users  1001 alice t1 · 1002 bob t1 · 1003 carol t2 · 1004 dave t2
 * posts  2001 a1 alice t1 · 2002 a2 alice t1 (500 views) · 2003 b1 bob t1 · 2004 c1 carol t2 · 2005 d1 dave t2
 * tags   1 java · 2 sql  (harmless)     settings: ("k", "v") (a policy without allow rules)
 * </pre>
 * Policies: users are tenant-isolated and otherwise open; posts are tenant-isolated, readable in
 * the tenant, created, updated and deleted by their owner (or an admin), and popular posts (over
 * 100 views) are never deleted; settings has a policy with no rules (default deny); tags are
 * harmless; every other relation is unknown.
 */
final class Fixtures {

    static final long ALICE = 1001, BOB = 1002, CAROL = 1003, DAVE = 1004;
    static final long A1 = 2001, A2 = 2002, B1 = 2003, C1 = 2004, D1 = 2005;

    static final RlsContext AS_ALICE = RlsContext.of(ALICE, 1, "user");
    static final RlsContext AS_BOB = RlsContext.of(BOB, 1, "user");
    static final RlsContext AS_CAROL = RlsContext.of(CAROL, 2, "user");
    static final RlsContext AS_ADMIN = RlsContext.of(1099L, 1, "admin");

    private Fixtures() {
    }

    static void seed(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = db.dsl();
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                .values(ALICE, "alice@example.com", "alice", 1)
                .values(BOB, "bob@example.com", "bob", 1)
                .values(CAROL, "carol@example.com", "carol", 2)
                .values(DAVE, "dave@example.com", "dave", 2)
                .execute();
        dsl.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID, POSTS.VIEWS)
                .values(A1, ALICE, "a1", 1, 0)
                .values(A2, ALICE, "a2", 1, 500)
                .values(B1, BOB, "b1", 1, 0)
                .values(C1, CAROL, "c1", 2, 0)
                .values(D1, DAVE, "d1", 2, 0)
                .execute();
        dsl.insertInto(TAGS, TAGS.ID, TAGS.NAME).values(1L, "java").values(2L, "sql").execute();
        dsl.insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("k", "v").execute();
    }

    static RlsOptions.Builder options() {
        return RlsOptions.builder()
                .policy(TablePolicy.forTable("users").add(Policies.tenantIsolation(USERS.TENANT_ID)).add(Policies.allowAll()).build())
                .policy(TablePolicy.forTable("posts")
                        .add(Policies.tenantIsolation(POSTS.TENANT_ID))
                        .add(Rule.allow(RlsOperation.READ, s -> org.jooq.impl.DSL.trueCondition()).named("tenant_read"))
                        .add(Policies.ownership(POSTS.USER_ID, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE, RlsOperation.DELETE)))
                        .add(Policies.adminOverride("admin"))
                        .add(Rule.deny(RlsOperation.DELETE, s -> s.column(POSTS.VIEWS).gt(100)).named("keep_popular"))
                        .build())
                .policy(TablePolicy.forTable("settings").build())
                .harmless("tags");
    }

    /** An executor over the seeded database with the fixture policies; no context yet. */
    static Executor executor(TestDatabase db) {
        seed(db);
        return Executor.of(db.dsl(), RlsPlugin.of(options().build()));
    }

    static DSLContext as(Executor executor, RlsContext context) {
        return executor.with(RlsPlugin.CONTEXT, context).dsl();
    }

    /** The whole table, read without plugins, ordered by its first column. */
    static Result<Record> contents(TestDatabase db, Table<?> table) {
        return db.dsl().select().from(table).orderBy(table.field(0)).fetch();
    }

    static List<String> titles(DSLContext dsl) {
        return dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE);
    }
}
