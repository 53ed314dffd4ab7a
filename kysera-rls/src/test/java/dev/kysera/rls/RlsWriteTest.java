package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.A2;
import static dev.kysera.rls.Fixtures.ALICE;
import static dev.kysera.rls.Fixtures.AS_ADMIN;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.AS_BOB;
import static dev.kysera.rls.Fixtures.B1;
import static dev.kysera.rls.Fixtures.C1;
import static dev.kysera.rls.Fixtures.CAROL;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.PostsRecord;
import java.util.EnumSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;

/** Writes touch only permitted rows and leave only permitted values; denied writes change nothing. */
class RlsWriteTest {

    private static Result<Record> posts(TestDatabase db) {
        return contents(db, POSTS);
    }

    private static Result<Record> users(TestDatabase db) {
        return contents(db, USERS);
    }

    // ------------------------------------------------------------------ INSERT

    @MatrixTest
    void an_insert_gets_the_tenant_and_owner_from_the_context(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2100L, "new").execute();
        Record row = db.dsl().select(POSTS.TENANT_ID, POSTS.USER_ID).from(POSTS).where(POSTS.ID.eq(2100L)).fetchOne();
        assertThat(row.get(POSTS.TENANT_ID)).isEqualTo(1);
        assertThat(row.get(POSTS.USER_ID)).isEqualTo(ALICE);
    }

    @MatrixTest
    void a_cross_tenant_insert_is_refused_and_writes_nothing(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(2100L, "x", 2).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant_check");
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.USER_ID).values(2100L, "x", CAROL).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("owner_check");
        // A multi-row insert with one foreign row writes none of them.
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID)
                .values(2100L, "ok", 1).values(2101L, "x", 2).execute())
                .isInstanceOf(AccessDeniedException.class);
        // A computed tenant in INSERT … VALUES cannot carry a SQL check: refused.
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID)
                .values(val(2100L), val("x"), POSTS.TENANT_ID.getDataType().isNumeric() ? inline(1).plus(1) : null).execute())
                .isInstanceOf(UnsupportedStatementException.class);
        assertThatThrownBy(() -> alice.execute("insert into posts (id, title, tenant_id) values (2100, 'x', 2)"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(posts(db)).isEqualTo(before);
    }

    @MatrixTest
    void a_bind_batch_with_a_foreign_row_is_refused_and_writes_nothing(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = users(db);
        var insert = alice.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values((Long) null, null, null, null);
        assertThatThrownBy(() -> alice.batch(insert).bind(1100L, "k@x", "k", 1).bind(1101L, "m@x", "m", 2).execute())
                .isInstanceOfSatisfying(RlsAccessDeniedException.class, e -> assertThat(e.policy()).isEqualTo("tenant_check"));
        assertThat(users(db)).isEqualTo(before);
        alice.batch(insert).bind(1100L, "k@x", "k", 1).bind(1101L, "m@x", "m", 1).execute();
        assertThat(db.dsl().fetchCount(USERS, USERS.TENANT_ID.eq(1))).isEqualTo(4);
    }

    @MatrixTest
    void insert_select_copies_only_visible_rows_and_enforces_the_tenant_in_sql(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        // The SELECT reads only the tenant's posts; the stamped tenant is written with the copies.
        assertThat(alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE)
                .select(select(POSTS.ID.plus(1000), POSTS.TITLE).from(POSTS)).execute()).isEqualTo(3);
        assertThat(db.dsl().select(POSTS.ID, POSTS.TENANT_ID).from(POSTS).where(POSTS.ID.gt(3000L)).orderBy(POSTS.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2())).containsExactly("3001:1", "3002:1", "3003:1");
        // A computed tenant is checked in SQL: rows that would land in another tenant are not written.
        assertThat(alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID)
                .select(select(POSTS.ID.plus(2000), POSTS.TITLE, POSTS.TENANT_ID.plus(1)).from(POSTS)).execute()).isZero();
        assertThat(posts(db).size()).isEqualTo(before.size() + 3);
    }

    @MatrixTest
    void creates_need_an_allow_rule(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        Result<Record> before = contents(db, dev.kysera.testsupport.schema.Tables.SETTINGS);
        assertThatThrownBy(() -> as(executor, AS_ALICE).insertInto(dev.kysera.testsupport.schema.Tables.SETTINGS)
                .set(dev.kysera.testsupport.schema.Tables.SETTINGS.SETTING_KEY, "x").execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("default deny");
        assertThat(contents(db, dev.kysera.testsupport.schema.Tables.SETTINGS)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ UPDATE

    @MatrixTest
    void updates_touch_only_permitted_rows(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        DSLContext alice = as(executor, AS_ALICE);
        Result<Record> before = posts(db);
        // Foreign tenant: invisible. Bob's post: not alice's.
        assertThat(alice.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(C1)).execute()).isZero();
        assertThat(alice.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(B1)).execute()).isZero();
        assertThat(alice.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.TENANT_ID.eq(2)).execute()).isZero();
        assertThat(alice.execute("update posts set title = 'x' where id = ?", C1)).isZero();
        assertThat(posts(db)).isEqualTo(before);
        // Unrestricted update: only alice's own two posts.
        assertThat(alice.update(POSTS).set(POSTS.TITLE, "mine").execute()).isEqualTo(2);
        assertThat(db.dsl().select(POSTS.ID).from(POSTS).where(POSTS.TITLE.eq("mine")).orderBy(POSTS.ID).fetch(POSTS.ID))
                .containsExactly(A1, A2);
        // An admin updates any post of the tenant, never another tenant's.
        assertThat(as(executor, AS_ADMIN).update(POSTS).set(POSTS.VIEWS, 7).execute()).isEqualTo(3);
        assertThat(db.dsl().select(POSTS.ID).from(POSTS).where(POSTS.VIEWS.eq(7)).orderBy(POSTS.ID).fetch(POSTS.ID))
                .containsExactly(A1, A2, B1);
    }

    @MatrixTest
    void an_update_moving_a_row_to_another_tenant_is_refused_or_matches_nothing(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        assertThatThrownBy(() -> alice.update(POSTS).set(POSTS.TENANT_ID, 2).where(POSTS.ID.eq(A1)).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant_check");
        assertThatThrownBy(() -> alice.update(POSTS).set(row(POSTS.TENANT_ID, POSTS.TITLE), row(val(2), val("moved")))
                .where(POSTS.ID.eq(A1)).execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> alice.update(POSTS).set(row(POSTS.TENANT_ID, POSTS.TITLE), select(inline(2), inline("moved")))
                .where(POSTS.ID.eq(A1)).execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> alice.execute("update posts set tenant_id = 2 where id = " + A1)).isInstanceOf(AccessDeniedException.class);
        // Expressions are checked in SQL: the row is not written.
        assertThat(alice.update(POSTS).set(POSTS.TENANT_ID, POSTS.TENANT_ID.plus(1)).where(POSTS.ID.eq(A1)).execute()).isZero();
        assertThat(alice.update(POSTS).set(POSTS.TENANT_ID, select(inline(2))).where(POSTS.ID.eq(A1)).execute()).isZero();
        assertThat(posts(db)).isEqualTo(before);
        // Handing a post to another user is refused too.
        assertThatThrownBy(() -> alice.update(POSTS).set(POSTS.USER_ID, CAROL).where(POSTS.ID.eq(A1)).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("owner_check");
        assertThat(alice.update(POSTS).set(POSTS.TENANT_ID, 1).set(POSTS.TITLE, "same").where(POSTS.ID.eq(A1)).execute()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ DELETE

    @MatrixTest
    void deletes_touch_only_permitted_rows_and_deny_beats_allow(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        Result<Record> before = posts(db);
        DSLContext alice = as(executor, AS_ALICE);
        assertThat(alice.deleteFrom(POSTS).where(POSTS.ID.in(B1, C1)).execute()).isZero();
        assertThat(alice.execute("delete from posts where tenant_id = 2")).isZero();
        // a2 is popular: the deny wins over alice's ownership and over the admin override.
        assertThat(alice.deleteFrom(POSTS).where(POSTS.ID.eq(A2)).execute()).isZero();
        assertThat(as(executor, AS_ADMIN).deleteFrom(POSTS).where(POSTS.ID.eq(A2)).execute()).isZero();
        assertThat(posts(db)).isEqualTo(before);
        // Unrestricted delete by bob: only b1.
        assertThat(as(executor, AS_BOB).deleteFrom(POSTS).execute()).isEqualTo(1);
        assertThat(db.dsl().select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.ID)).containsExactly(A1, A2, C1, Fixtures.D1);
    }

    @MatrixTest
    void a_create_allowed_by_role_combinations_is_decided_from_the_context(TestDatabase db) {
        Fixtures.seed(db);
        RlsOptions options = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Rule.allowIf(EnumSet.of(RlsOperation.READ), ctx -> true))
                .add(Rule.allow(EnumSet.of(RlsOperation.CREATE), s -> s.hasRole("admin").or(s.hasRole("editor"))).named("admins_or_editors"))
                .add(Rule.allow(EnumSet.of(RlsOperation.CREATE), s -> s.hasRole("user").and(s.column(POSTS.VIEWS).gt(0)))
                        .named("users_by_views"))
                .build()).build();
        Executor executor = Executor.of(db.dsl(), RlsPlugin.of(options));
        Result<Record> before = posts(db);
        assertThat(as(executor, AS_ADMIN).insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID, POSTS.USER_ID)
                .values(2100L, "by admin", 1, ALICE).execute()).isEqualTo(1);
        assertThat(as(executor, RlsContext.of(1098L, 1, "editor")).insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID, POSTS.USER_ID)
                .values(2101L, "by editor", 1, ALICE).execute()).isEqualTo(1);
        // FALSE AND anything is decided: no rule allows a guest.
        assertThatThrownBy(() -> as(executor, RlsContext.of(1097L, 1, "guest")).insertInto(POSTS, POSTS.ID, POSTS.TITLE)
                .values(2102L, "by guest").execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("no allow rule matched");
        // TRUE AND a row value is not: still refused, naming the rule.
        assertThatThrownBy(() -> as(executor, AS_ALICE).insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2103L, "by alice").execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("users_by_views");
        assertThat(db.dsl().select(POSTS.ID, POSTS.TITLE).from(POSTS).where(POSTS.ID.ge(2100L)).orderBy(POSTS.ID).fetch())
                .extracting(r -> r.value1() + " " + r.value2()).containsExactly("2100 by admin", "2101 by editor");
        assertThat(db.dsl().select().from(POSTS).where(POSTS.ID.lt(2100L)).orderBy(POSTS.ID).fetch()).isEqualTo(before);
    }

    @MatrixTest
    void a_deny_wins_whatever_the_priorities(TestDatabase db) {
        Fixtures.seed(db);
        RlsOptions options = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Rule.allowIf(RlsOperation.all(), ctx -> true).priority(1000))
                .add(Rule.deny(RlsOperation.DELETE, s -> s.column(POSTS.VIEWS).gt(100)).priority(-1000))
                .build()).build();
        DSLContext alice = as(Executor.of(db.dsl(), RlsPlugin.of(options)), AS_ALICE);
        assertThat(alice.deleteFrom(POSTS).execute()).isEqualTo(4);
        assertThat(db.dsl().select(POSTS.ID).from(POSTS).fetch(POSTS.ID)).containsExactly(A2);
    }

    @MatrixTest
    void rows_that_may_not_be_read_cannot_be_updated_or_deleted(TestDatabase db) {
        Fixtures.seed(db);
        RlsOptions options = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Policies.allowAll())
                .add(Rule.deny(RlsOperation.READ, s -> s.column(POSTS.VIEWS).gt(100)).named("hide_popular"))
                .build()).build();
        DSLContext alice = as(Executor.of(db.dsl(), RlsPlugin.of(options)), AS_ALICE);
        Result<Record> before = posts(db);
        // Without the read check, the affected-row count would tell whether a2's hidden title starts with "a".
        assertThat(alice.update(POSTS).set(POSTS.VIEWS, POSTS.VIEWS).where(POSTS.ID.eq(A2)).and(POSTS.TITLE.like("a%")).execute())
                .isZero();
        assertThat(alice.deleteFrom(POSTS).where(POSTS.ID.eq(A2)).execute()).isZero();
        assertThat(posts(db)).isEqualTo(before);
        // A table whose only allow is for updates lets nobody update (default deny of reads).
        RlsOptions updateOnly = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Rule.allowIf(EnumSet.of(RlsOperation.UPDATE), ctx -> true)).build()).build();
        assertThat(as(Executor.of(db.dsl(), RlsPlugin.of(updateOnly)), AS_ALICE).update(POSTS).set(POSTS.TITLE, "x").execute()).isZero();
        assertThat(posts(db)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ upserts

    @MatrixTest(except = Engine.MARIADB)
    void an_upsert_cannot_update_a_foreign_row_nor_write_a_foreign_tenant(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        // c1 exists in tenant 2: the insert part conflicts, and the update part may not touch it.
        int n = alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(C1, "hijack", 1)
                .onConflict(POSTS.ID).doUpdate().set(POSTS.TITLE, "hijack").execute();
        assertThat(n).isZero();
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(A1, "x", 1)
                .onConflict(POSTS.ID).doUpdate().set(POSTS.TENANT_ID, 2).execute())
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(2100L, "x", 2)
                .onConflictDoNothing().execute())
                .isInstanceOf(AccessDeniedException.class);
        assertThat(posts(db)).isEqualTo(before);
        // A legitimate upsert of alice's own post works.
        assertThat(alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(A1, "x", 1)
                .onConflict(POSTS.ID).doUpdate().set(POSTS.TITLE, "upserted").execute()).isEqualTo(1);
        assertThat(db.dsl().fetchValue(POSTS.TITLE, POSTS.ID.eq(A1))).isEqualTo("upserted");
    }

    @MatrixTest(only = Engine.MARIADB)
    void an_upsert_whose_update_part_cannot_be_filtered_is_refused_on_mariadb(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(C1, "hijack", 1)
                .onDuplicateKeyUpdate().set(POSTS.TITLE, "hijack").execute())
                .isInstanceOf(UnsupportedStatementException.class);
        assertThat(posts(db)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ records and NULLs

    @MatrixTest
    void updatable_records_are_enforced_like_statements(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        PostsRecord own = alice.fetchOne(POSTS, POSTS.ID.eq(A1));
        own.setTenantId(2);
        assertThatThrownBy(own::store).isInstanceOf(RlsAccessDeniedException.class);
        PostsRecord created = alice.newRecord(POSTS);
        created.setId(2100L);
        created.setTitle("x");
        created.setTenantId(2);
        assertThatThrownBy(created::store).isInstanceOf(RlsAccessDeniedException.class);
        // A foreign row's record, fetched elsewhere and attached to alice's executor, touches nothing.
        PostsRecord foreign = db.dsl().fetchOne(POSTS, POSTS.ID.eq(C1));
        foreign.attach(alice.configuration());
        foreign.setTitle("hijacked");
        assertThat(foreign.store()).isZero();
        assertThat(foreign.delete()).isZero();
        assertThat(posts(db)).isEqualTo(before);
    }

    @MatrixTest
    void writing_null_to_a_checked_column_is_refused(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = posts(db);
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(2100L, "x", null).execute())
                .isInstanceOf(RlsAccessDeniedException.class);
        assertThatThrownBy(() -> alice.update(POSTS).setNull(POSTS.TENANT_ID).where(POSTS.ID.eq(A1)).execute())
                .isInstanceOf(RlsAccessDeniedException.class);
        assertThatThrownBy(() -> alice.update(POSTS).setNull(POSTS.USER_ID).where(POSTS.ID.eq(A1)).execute())
                .isInstanceOf(RlsAccessDeniedException.class);
        assertThat(posts(db)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ validate

    @MatrixTest
    void validate_checks_constants_in_java_expressions_in_sql_and_refuses_what_it_cannot_see(TestDatabase db) {
        Fixtures.seed(db);
        TablePolicy users = TablePolicy.forTable("users").add(Policies.tenantIsolation(USERS.TENANT_ID)).add(Policies.allowAll())
                .add(Rule.validate(EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE), "name", SQLDataType.VARCHAR,
                        (ctx, name) -> name != null && name.length() <= 10,
                        (ctx, name) -> org.jooq.impl.DSL.length(name).le(10)).named("short_names"))
                .build();
        DSLContext alice = as(Executor.of(db.dsl(), RlsPlugin.of(RlsOptions.builder().policy(users).build())), AS_ALICE);
        Result<Record> before = users(db);
        assertThatThrownBy(() -> alice.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1100L, "x@x", "Xavier the Eleventh").execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("short_names");
        assertThatThrownBy(() -> alice.update(USERS).set(USERS.NAME, "Alice the Great").where(USERS.ID.eq(ALICE)).execute())
                .isInstanceOf(AccessDeniedException.class);
        assertThat(alice.update(USERS).set(USERS.NAME, USERS.NAME.concat(USERS.NAME, USERS.NAME)).where(USERS.ID.eq(ALICE)).execute()).isZero();
        assertThat(users(db)).isEqualTo(before);
        assertThat(alice.update(USERS).set(USERS.NAME, USERS.NAME.concat("2")).where(USERS.ID.eq(ALICE)).execute())
                .isEqualTo(1);
    }
}
