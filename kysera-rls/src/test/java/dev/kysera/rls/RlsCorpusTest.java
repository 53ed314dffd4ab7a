package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.AS_ADMIN;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.C1;
import static dev.kysera.rls.Fixtures.CAROL;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * More statement forms, each asserting exact rows (reads) or the table before and after (writes).
 * Besides the fixture rows, tenant 1 has post x1 (2006) that references carol, a user of tenant 2.
 */
class RlsCorpusTest {

    static final long X1 = 2006;

    private static Executor executor(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID).values(X1, CAROL, "x1", 1).execute();
        return executor;
    }

    @MatrixTest
    void an_implicit_path_join_to_a_foreign_row_finds_nothing(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        assertThat(alice.select(POSTS.TITLE, POSTS.users().NAME).from(POSTS).orderBy(POSTS.ID).fetch()
                .map(r -> r.value1() + "/" + r.value2())).containsExactly("a1/alice", "a2/alice", "b1/bob", "x1/null");
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_schema_qualified_table_is_filtered(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        var rows = alice.select(field(name("p", "title"), String.class)).from(table(name(db.isolationName(), "posts")).as("p"))
                .orderBy(field(name("p", "id"))).fetch();
        assertThat(rows.map(r -> r.value1())).containsExactly("a1", "a2", "b1", "x1");
        assertThat(alice.fetch("select title from " + db.isolationName() + ".posts where tenant_id = 2")).isEmpty();
    }

    @MatrixTest
    void set_operations_windows_grouping_and_keyset_pages_see_only_visible_rows(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        assertThat(alice.select(POSTS.USER_ID).from(POSTS).except(select(USERS.ID).from(USERS).where(USERS.NAME.eq("bob")))
                .fetch().getValues(0, Long.class)).containsExactlyInAnyOrder(Fixtures.ALICE, CAROL);
        assertThat(alice.select(USERS.ID).from(USERS).intersect(select(POSTS.USER_ID).from(POSTS)).fetch().getValues(0, Long.class))
                .containsExactlyInAnyOrder(Fixtures.ALICE, Fixtures.BOB);
        assertThat(alice.select(POSTS.TITLE, count(POSTS.ID).over()).from(POSTS).orderBy(POSTS.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2())).containsExactly("a1:4", "a2:4", "b1:4", "x1:4");
        assertThat(alice.select(POSTS.TENANT_ID, count(POSTS.ID)).from(POSTS).groupBy(POSTS.TENANT_ID).fetch()
                .map(r -> r.value1() + ":" + r.value2())).containsExactly("1:4");
        assertThat(alice.selectFrom(POSTS).orderBy(POSTS.ID).seek(A1).limit(10).fetch(POSTS.TITLE)).containsExactly("a2", "b1", "x1");
        assertThat(alice.select(TAGS.NAME).from(TAGS).unionAll(select(POSTS.TITLE).from(POSTS)).fetch().getValues(0, String.class))
                .containsExactlyInAnyOrder("java", "sql", "a1", "a2", "b1", "x1");
    }

    @MatrixTest
    void an_alias_with_a_column_list_is_filtered(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        String[] renamed = Arrays.stream(POSTS.fields()).map(f -> "x_" + f.getName()).toArray(String[]::new);
        var p = POSTS.as("p", renamed);
        assertThat(alice.select(field(name("p", "x_title"), String.class)).from(p).orderBy(field(name("p", "x_id"))).fetch()
                .map(r -> r.value1())).containsExactly("a1", "a2", "b1", "x1");
    }

    @MatrixTest
    void subqueries_inside_writes_read_only_visible_rows(TestDatabase db) {
        Executor executor = executor(db);
        DSLContext admin = as(executor, AS_ADMIN);
        Result<Record> before = contents(db, POSTS);
        // x1 belongs to carol, whom tenant 1 cannot see: no row matches.
        assertThat(admin.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.USER_ID.in(select(USERS.ID).from(USERS)
                .where(USERS.NAME.eq("carol")))).execute()).isZero();
        assertThat(admin.execute("update posts set title = 'x' where user_id in (select id from users where name = 'carol')")).isZero();
        assertThat(admin.deleteFrom(POSTS).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS).where(USERS.TENANT_ID.eq(2))))
                .execute()).isZero();
        assertThat(contents(db, POSTS)).isEqualTo(before);
        // A scalar subquery in SET reading a foreign row reads nothing.
        assertThat(as(executor, AS_ALICE).update(POSTS).set(POSTS.BODY, select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(CAROL)))
                .where(POSTS.ID.eq(A1)).execute()).isEqualTo(1);
        assertThat(db.dsl().fetchValue(POSTS.BODY, POSTS.ID.eq(A1))).isNull();
    }

    @MatrixTest(except = Engine.H2)
    void update_from_joins_only_visible_rows(TestDatabase db) {
        DSLContext admin = as(executor(db), AS_ADMIN);
        int updated = admin.update(POSTS).set(POSTS.BODY, USERS.NAME).from(USERS).where(USERS.ID.eq(POSTS.USER_ID)).execute();
        assertThat(updated).isEqualTo(3);
        assertThat(db.dsl().select(POSTS.ID, POSTS.BODY).from(POSTS).orderBy(POSTS.ID).fetch().map(r -> r.value1() + ":" + r.value2()))
                .containsExactly("2001:alice", "2002:alice", "2003:bob", "2004:null", "2005:null", "2006:null");
    }

    @MatrixTest(except = {Engine.H2, Engine.SQLITE})
    void delete_using_joins_only_visible_rows(TestDatabase db) {
        DSLContext admin = as(executor(db), AS_ADMIN);
        Result<Record> before = contents(db, POSTS);
        assertThat(admin.deleteFrom(POSTS).using(USERS).where(USERS.ID.eq(POSTS.USER_ID)).and(USERS.NAME.eq("carol")).execute())
                .isZero();
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void returning_clauses_return_only_the_statement_s_own_rows(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        var inserted = alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2100L, "r").returning(POSTS.TENANT_ID, POSTS.USER_ID)
                .fetchOne();
        assertThat(inserted.get(POSTS.TENANT_ID)).isEqualTo(1);
        assertThat(inserted.get(POSTS.USER_ID)).isEqualTo(Fixtures.ALICE);
        if (db.engine() != Engine.MARIADB) { // MariaDB has no UPDATE … RETURNING
            assertThat(alice.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(C1)).returning(POSTS.ID).fetch()).isEmpty();
        }
        assertThat(alice.deleteFrom(POSTS).where(POSTS.ID.in(C1, 2100L)).returning(POSTS.ID).fetch().getValues(POSTS.ID))
                .containsExactly(2100L);
        assertThat(db.dsl().fetchExists(POSTS, POSTS.ID.eq(C1))).isTrue();
    }

    @MatrixTest
    void a_correlated_exists_in_the_select_list_is_filtered(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        var hasForeignPost = field(org.jooq.impl.DSL.exists(select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.eq(USERS.ID))
                .and(POSTS.TENANT_ID.eq(2))));
        assertThat(alice.select(USERS.NAME, hasForeignPost).from(USERS).orderBy(USERS.ID).fetch().map(r -> r.value1() + ":" + r.value2()))
                .containsExactly("alice:false", "bob:false");
    }
}
