package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A SELECT that locks rows ({@code FOR UPDATE} and weaker) gets, on every occurrence its clause
 * covers, the row filters of READ and of UPDATE: a plugin whose update filter hides a row keeps the
 * row from being locked, while a plain read still sees it.
 */
class LockingReadTest {

    /** Reads are open; rows with 100 views or more may not be updated. */
    private static final class PopularIsReadOnly implements Plugin {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "popular";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("posts");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> {
                calls.add(table.name() + ":" + operation);
                return operation == Operation.UPDATE ? Optional.of(table.field("views", org.jooq.impl.SQLDataType.INTEGER).lt(100)) : Optional.empty();
            });
        }
    }

    private static void seed(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values(1L, "a@example.com", "alice", 1).execute();
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID, POSTS.VIEWS)
                .values(1L, 1L, "quiet", 1, 0).values(2L, 1L, "popular", 1, 500).values(3L, 1L, "calm", 1, 10).execute();
    }

    @MatrixTest(only = {Engine.H2, Engine.POSTGRES, Engine.MARIADB})
    void locked_occurrences_are_judged_by_read_and_update_filters(TestDatabase db) {
        seed(db);
        PopularIsReadOnly plugin = new PopularIsReadOnly();
        DSLContext dsl = Executor.of(db.dsl(), plugin).dsl();
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("quiet", "popular", "calm");
        assertThat(plugin.calls).containsExactly("posts:READ");
        plugin.calls.clear();
        var locking = dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forUpdate();
        assertThat(locking.fetch(POSTS.TITLE)).containsExactly("quiet", "calm");
        assertThat(plugin.calls).containsExactly("posts:READ", "posts:UPDATE");
        // The same shape again (the plan cache serves it) is judged the same way.
        assertThat(locking.fetch(POSTS.TITLE)).containsExactly("quiet", "calm");
        // A join locks every table of its FROM; the subquery without a clause is a plain read.
        assertThat(dsl.select(USERS.NAME, POSTS.TITLE).from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(POSTS.ID.in(DSL.select(POSTS.ID).from(POSTS))).orderBy(POSTS.ID).forUpdate()
                .fetch().map(r -> r.value1() + "/" + r.value2())).containsExactly("alice/quiet", "alice/calm");
        assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(3);
    }

    @MatrixTest(only = Engine.POSTGRES)
    void of_lists_and_derived_tables_decide_which_occurrences_lock(TestDatabase db) {
        seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new PopularIsReadOnly()).dsl();
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).orderBy(POSTS.ID)
                .forUpdate().of(USERS).fetch(POSTS.TITLE)).containsExactly("quiet", "popular", "calm");
        var p = POSTS.as("p");
        assertThat(dsl.select(p.TITLE).from(p).orderBy(p.ID).forShare().of(p).skipLocked().fetch(p.TITLE)).containsExactly("quiet", "calm");
        var derived = DSL.select(POSTS.ID, POSTS.TITLE).from(POSTS).asTable("d");
        assertThat(dsl.select(derived.field(POSTS.TITLE)).from(derived).orderBy(derived.field(POSTS.ID)).forUpdate().fetch(0, String.class))
                .containsExactly("quiet", "calm");
        // table.where(…), which the executor turns into a derived table, locks its table too.
        assertThat(dsl.select(POSTS.TITLE).from(POSTS.where(POSTS.VIEWS.ge(0))).orderBy(POSTS.ID).forUpdate().fetch(POSTS.TITLE))
                .containsExactly("quiet", "calm");
        assertThat(dsl.select(derived.field(POSTS.TITLE)).from(derived).join(USERS).on(DSL.trueCondition())
                .orderBy(derived.field(POSTS.ID)).forUpdate().of(USERS).fetch(0, String.class)).containsExactly("quiet", "popular", "calm");
    }

    @MatrixTest(only = {Engine.H2, Engine.POSTGRES, Engine.MARIADB})
    void a_locked_read_of_a_masked_table_is_refused(TestDatabase db) {
        seed(db);
        Plugin masking = new Plugin() {
            @Override
            public String name() {
                return "mask";
            }

            @Override
            public boolean appliesTo(TableReference table) {
                return table.is("posts");
            }

            @Override
            public void register(PluginRoles roles) {
                roles.columnMask((table, context) -> Map.of("title", DSL.inline("***")));
            }
        };
        DSLContext dsl = Executor.of(db.dsl(), masking).dsl();
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).where(POSTS.ID.eq(1L)).fetch(POSTS.TITLE)).containsExactly("***");
        assertThatThrownBy(() -> dsl.select(POSTS.TITLE).from(POSTS).where(POSTS.ID.eq(1L)).forUpdate().fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("FOR UPDATE of 'posts'");
    }
}
