package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.ALICE;
import static dev.kysera.rls.Fixtures.BOB;
import static dev.kysera.rls.Fixtures.AS_ADMIN;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.asterisk;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.EnumSet;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;

/**
 * Field-level security in SQL: users' e-mail addresses are readable by their owner and admins only
 * (others read NULL wherever the statement refers to the column), statuses are masked to their
 * first letter for non-admins, and names are written by admins only.
 */
class RlsFieldSecurityTest {

    static RlsOptions.Builder options() {
        return RlsOptions.builder()
                .policy(TablePolicy.forTable("users")
                        .add(Policies.tenantIsolation(USERS.TENANT_ID))
                        .add(Policies.allowAll())
                        .add(Rule.mask(USERS.EMAIL, s -> s.column(USERS.ID).eq(s.user(SQLDataType.BIGINT)).or(s.hasRole("admin")),
                                Masks.hidden()).named("email_owner_only"))
                        .add(Rule.mask(USERS.STATUS, s -> s.hasRole("admin"), Masks.prefix(1)).named("status_admin_only"))
                        .add(Rule.protect("name", EnumSet.of(RlsOperation.UPDATE), ctx -> ctx.hasRole("admin")).named("name_read_only"))
                        .build())
                .policy(Fixtures.options().build().policies().get("posts"))
                .harmless("tags");
    }

    private static Executor executor(TestDatabase db) {
        Fixtures.seed(db);
        return Executor.of(db.dsl(), RlsPlugin.of(options().build()));
    }

    @MatrixTest
    void a_masked_column_reads_as_its_mask_except_where_readable(TestDatabase db) {
        Executor executor = executor(db);
        DSLContext alice = as(executor, AS_ALICE);
        assertThat(alice.select(USERS.NAME, USERS.EMAIL, USERS.STATUS).from(USERS).orderBy(USERS.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2() + ":" + r.value3()))
                .containsExactly("alice:alice@example.com:a***", "bob:null:a***");
        assertThat(as(executor, AS_ADMIN).select(USERS.EMAIL, USERS.STATUS).from(USERS).orderBy(USERS.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2())).containsExactly("alice@example.com:active", "bob@example.com:active");
    }

    @MatrixTest
    void select_star_aliases_where_order_by_and_subqueries_see_the_mask(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        assertThat(alice.selectFrom(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL)).containsExactly("alice@example.com", null);
        var u = USERS.as("u");
        Result<Record> star = alice.select(asterisk()).from(u).orderBy(u.ID).fetch();
        assertThat(star.getValues("email", String.class)).containsExactly("alice@example.com", null);
        // No oracle through WHERE, ORDER BY, EXISTS or a join on the hidden value.
        assertThat(alice.select(USERS.ID).from(USERS).where(USERS.EMAIL.like("bob%")).fetch()).isEmpty();
        assertThat(alice.fetchValue(select(exists(selectOne().from(USERS).where(USERS.EMAIL.eq("bob@example.com")))))).isFalse();
        assertThat(alice.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                .where(USERS.EMAIL.isNotNull()).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("a1", "a2");
        assertThat(alice.select(POSTS.TITLE).from(POSTS).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS)
                .where(USERS.EMAIL.like("%@example.com")))).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("a1", "a2");
    }

    @MatrixTest
    void writes_of_a_protected_column_are_refused_naming_it(TestDatabase db) {
        Executor executor = executor(db);
        Result<Record> before = contents(db, USERS);
        assertThatThrownBy(() -> as(executor, AS_ALICE).update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(ALICE)).execute())
                .isInstanceOfSatisfying(RlsAccessDeniedException.class, e -> {
                    assertThat(e.policy()).isEqualTo("name_read_only");
                    assertThat(e.reason()).contains("[name]");
                });
        assertThat(contents(db, USERS)).isEqualTo(before);
        assertThat(as(executor, AS_ADMIN).update(USERS).set(USERS.NAME, "Alice").where(USERS.ID.eq(ALICE)).execute()).isEqualTo(1);
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(ALICE))).isEqualTo("Alice");
    }

    @MatrixTest
    void an_update_copying_a_masked_column_only_writes_rows_where_it_is_readable(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        // Copy the e-mail into another column: only alice's own row qualifies.
        // status is masked for non-admins on every row, so an update reading it touches nothing.
        assertThat(alice.update(USERS).set(USERS.STATUS, USERS.STATUS).execute()).isZero();
        assertThat(alice.update(USERS).set(USERS.EMAIL, org.jooq.impl.DSL.concat(USERS.EMAIL, org.jooq.impl.DSL.inline("!"))).execute())
                .isEqualTo(1);
        assertThat(db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL))
                .containsExactly("alice@example.com!", "bob@example.com", "carol@example.com", "dave@example.com");
        assertThat(db.dsl().select(USERS.STATUS).from(USERS).orderBy(USERS.ID).fetch(USERS.STATUS)).containsOnly("active");
    }

    /**
     * The target of an UPDATE or DELETE is written, not read through its masks: a condition on a
     * masked column there would tell, through the affected-row count, one bit per row of the stored
     * value. Such statements are refused before they reach the database; the same conditions on
     * another occurrence (a subquery) read the mask, and where the mask does not apply they run.
     */
    @MatrixTest
    void an_update_or_delete_testing_a_masked_column_of_its_target_is_refused(TestDatabase db) {
        Executor executor = executor(db);
        DSLContext alice = as(executor, AS_ALICE);
        Result<Record> users = contents(db, USERS);
        Result<Record> posts = contents(db, POSTS);
        var u = USERS.as("u");
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> refused = new java.util.ArrayList<>(List.of(
                () -> alice.update(USERS).set(USERS.VERSION, 1).where(USERS.EMAIL.eq("bob@example.com")).execute(),
                () -> alice.deleteFrom(USERS).where(USERS.EMAIL.like("bob%")).execute(),
                () -> alice.update(u).set(u.VERSION, 1).where(u.ID.eq(BOB).and(u.EMAIL.isNotNull())).execute(),
                () -> alice.update(USERS).set(USERS.VERSION, 1)
                        .where(exists(selectOne().from(TAGS).where(TAGS.NAME.eq(USERS.EMAIL)))).execute(),
                () -> alice.deleteFrom(USERS).where(field(name("email")).eq("bob@example.com")).execute(),
                () -> alice.execute("delete from users where email = 'bob@example.com'"),
                () -> alice.update(USERS).set(USERS.VERSION, 1).where(USERS.STATUS.eq("active")).execute()));
        if (db.engine() != Engine.MARIADB) { // MariaDB's upsert has no WHERE
            refused.add(() -> alice.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(BOB, "x@x", "x")
                    .onConflict(USERS.ID).doUpdate().set(USERS.VERSION, 1).where(USERS.EMAIL.like("bob%")).execute());
        }
        for (var statement : refused) {
            assertThatThrownBy(statement).isInstanceOfSatisfying(RlsAccessDeniedException.class, e -> {
                assertThat(e.policy()).isIn("email_owner_only", "status_admin_only");
                assertThat(e.reason()).contains("tests masked columns");
            });
        }
        assertThat(contents(db, USERS)).isEqualTo(users);
        // A subquery reads users through the mask: bob's e-mail is NULL there, alice's is hers.
        assertThat(alice.update(POSTS).set(POSTS.VIEWS, 7).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS)
                .where(USERS.EMAIL.like("bob%")))).execute()).isZero();
        assertThat(contents(db, POSTS)).isEqualTo(posts);
        assertThat(alice.update(POSTS).set(POSTS.VIEWS, 7).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS)
                .where(USERS.EMAIL.like("alice%")))).execute()).isEqualTo(2);
        // Conditions on readable columns run; so do conditions on a masked column where its mask does not apply
        // (status, for admins). The e-mail's mask depends on the row, so it applies to every context.
        assertThat(alice.update(USERS).set(USERS.VERSION, 5).where(USERS.ID.eq(ALICE)).execute()).isEqualTo(1);
        assertThat(as(executor, AS_ADMIN).update(USERS).set(USERS.VERSION, 6).where(USERS.STATUS.eq("active").and(USERS.ID.eq(BOB)))
                .execute()).isEqualTo(1);
        assertThatThrownBy(() -> as(executor, AS_ADMIN).deleteFrom(USERS).where(USERS.EMAIL.eq("bob@example.com")).execute())
                .isInstanceOf(RlsAccessDeniedException.class);
        assertThat(db.dsl().select(USERS.ID, USERS.VERSION).from(USERS).orderBy(USERS.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2())).containsExactly("1001:5", "1002:6", "1003:0", "1004:0");
        assertThat(db.dsl().select(POSTS.ID, POSTS.VIEWS).from(POSTS).orderBy(POSTS.ID).fetch().map(r -> r.value1() + ":" + r.value2()))
                .containsExactly("2001:7", "2002:7", "2003:0", "2004:0", "2005:0");
    }

    @MatrixTest
    void update_returning_from_a_table_with_masked_columns_is_refused(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        Result<Record> before = contents(db, USERS);
        if (db.engine() != Engine.MARIADB) { // MariaDB has no UPDATE … RETURNING
            assertThatThrownBy(() -> alice.update(USERS).set(USERS.VERSION, 1).where(USERS.ID.eq(ALICE)).returning(USERS.EMAIL).fetch())
                    .isInstanceOf(RlsAccessDeniedException.class);
        }
        assertThat(contents(db, USERS)).isEqualTo(before);
        // An INSERT returns what the caller wrote; on SQLite jOOQ would read the row back through the mask: refused.
        var insert = alice.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1100L, "e@x", "eve").returning(USERS.EMAIL);
        if (db.engine() == Engine.SQLITE) {
            assertThatThrownBy(insert::fetch).isInstanceOf(UnsupportedStatementException.class);
            assertThat(contents(db, USERS)).isEqualTo(before);
        } else {
            assertThat(insert.fetch().getValues(USERS.EMAIL)).containsExactly("e@x");
        }
    }

    @MatrixTest
    void masks_on_a_table_whose_columns_are_unknown_are_refused(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        assertThatThrownBy(() -> alice.select(asterisk()).from(table(name("users"))).fetch())
                .isInstanceOf(UnsupportedStatementException.class);
        assertThatThrownBy(() -> alice.fetch("select * from users")).isInstanceOf(UnsupportedStatementException.class);
        // Tables without masks still read as parsed plain SQL.
        assertThat(alice.fetch("select title from posts order by id").getValues(0, String.class)).containsExactly("a1", "a2", "b1");
    }

    @MatrixTest
    void an_alias_renaming_columns_still_reads_through_the_mask(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        var renamed = USERS.as("r", "a", "b", "c", "d", "e", "f", "g", "h", "i");
        assertThat(alice.select(org.jooq.impl.DSL.field(name("r", "b"), String.class)).from(renamed)
                .orderBy(org.jooq.impl.DSL.field(name("r", "a"))).fetch().getValues(0, String.class))
                .containsExactly("alice@example.com", null);
    }
}
