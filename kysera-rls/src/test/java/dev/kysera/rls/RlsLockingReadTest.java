package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.AS_ADMIN;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.AS_BOB;
import static dev.kysera.rls.Fixtures.AS_CAROL;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.select;

import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.plan.RowLock;
import dev.kysera.executor.plan.TableUse;
import dev.kysera.repository.Repository;
import dev.kysera.repository.TransitionResult;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * {@code SELECT … FOR UPDATE} and its weaker forms lock only rows the caller may read <em>and</em>
 * update, as PostgreSQL's native policies decide (UPDATE policies' USING applies to locked rows):
 * alice reads a1, a2 and bob's b1 in her tenant, but may update only her own a1 and a2, so she locks
 * only those. The same on every database that has the syntax; SQLite has none.
 */
class RlsLockingReadTest {

    private static List<String> lockedTitles(DSLContext dsl) {
        return dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forUpdate().fetch(POSTS.TITLE);
    }

    @MatrixTest(only = {Engine.H2, Engine.POSTGRES, Engine.MARIADB})
    void a_row_may_be_locked_for_update_only_where_it_may_be_read_and_updated(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        Result<Record> before = contents(db, POSTS);
        assertThat(Fixtures.titles(as(executor, AS_ALICE))).containsExactly("a1", "a2", "b1");
        assertThat(lockedTitles(as(executor, AS_ALICE))).containsExactly("a1", "a2");
        assertThat(lockedTitles(as(executor, AS_BOB))).containsExactly("b1");
        assertThat(lockedTitles(as(executor, AS_CAROL))).containsExactly("c1");
        assertThat(lockedTitles(as(executor, AS_ADMIN))).containsExactly("a1", "a2", "b1");
        DSLContext alice = as(executor, AS_ALICE);
        assertThat(alice.selectFrom(POSTS).where(POSTS.ID.eq(Fixtures.B1)).forUpdate().fetch()).isEmpty();
        assertThat(alice.selectFrom(POSTS).where(POSTS.ID.eq(Fixtures.C1)).forUpdate().fetch()).isEmpty();
        // A join locks every table of its FROM: users are open to the tenant, posts only where updatable.
        assertThat(alice.select(USERS.NAME, POSTS.TITLE).from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .orderBy(POSTS.ID).forUpdate().fetch().map(r -> r.value1() + "/" + r.value2()))
                .containsExactly("alice/a1", "alice/a2");
        // A table without update rules (default deny) locks nothing.
        assertThat(alice.select(SETTINGS.SETTING_KEY).from(SETTINGS).forUpdate().fetch()).isEmpty();
        // Parsed plain SQL is judged the same.
        assertThat(alice.fetch("select title from posts order by id for update").getValues(0, String.class))
                .containsExactly("a1", "a2");
        // A subquery without a locking clause of its own is a plain read: bob's post still counts.
        assertThat(alice.select(USERS.NAME).from(USERS).where(USERS.ID.in(select(POSTS.USER_ID).from(POSTS)))
                .orderBy(USERS.ID).forUpdate().fetch(USERS.NAME)).containsExactly("alice", "bob");
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void share_locks_skip_locked_and_nowait_are_judged_alike(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        assertThat(alice.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forShare().fetch(POSTS.TITLE)).containsExactly("a1", "a2");
        assertThat(alice.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forUpdate().skipLocked().fetch(POSTS.TITLE))
                .containsExactly("a1", "a2");
        assertThat(alice.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forUpdate().noWait().fetch(POSTS.TITLE))
                .containsExactly("a1", "a2");
    }

    @MatrixTest(only = Engine.POSTGRES)
    void postgres_lock_strengths_of_lists_derived_tables_and_subqueries(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        assertThat(alice.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forNoKeyUpdate().fetch(POSTS.TITLE)).containsExactly("a1", "a2");
        assertThat(alice.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forKeyShare().fetch(POSTS.TITLE)).containsExactly("a1", "a2");
        // FOR UPDATE OF users: posts are only read, so bob's post is there.
        assertThat(alice.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).orderBy(POSTS.ID)
                .forUpdate().of(USERS).fetch(POSTS.TITLE)).containsExactly("a1", "a2", "b1");
        var p = POSTS.as("p");
        assertThat(alice.select(p.TITLE).from(p).join(USERS).on(USERS.ID.eq(p.USER_ID)).orderBy(p.ID)
                .forUpdate().of(p).fetch(p.TITLE)).containsExactly("a1", "a2");
        // A lock on a derived table locks the tables inside it.
        var d = select(POSTS.ID, POSTS.TITLE).from(POSTS).asTable("d");
        assertThat(alice.select(d.field(POSTS.TITLE)).from(d).orderBy(d.field(POSTS.ID)).forUpdate().fetch(0, String.class))
                .containsExactly("a1", "a2");
        assertThat(alice.select(POSTS.TITLE).from(POSTS.where(POSTS.VIEWS.ge(0))).orderBy(POSTS.ID).forUpdate().fetch(POSTS.TITLE))
                .containsExactly("a1", "a2");
        // An alias with a column list is filtered inside a derived table, which the lock covers too.
        var renamed = POSTS.as("r", "rid", "ruser", "rtitle", "rbody", "rviews", "rtenant", "rcreated", "rupdated", "rdeleted");
        assertThat(alice.select(renamed.field("rtitle")).from(renamed).orderBy(renamed.field("rid")).forUpdate().fetch(0, String.class))
                .containsExactly("a1", "a2");
        // A locking clause inside a subquery locks its own rows.
        assertThat(alice.select(USERS.NAME).from(USERS).where(USERS.ID.in(select(POSTS.USER_ID).from(POSTS).forUpdate()))
                .orderBy(USERS.ID).fetch(USERS.NAME)).containsExactly("alice");
    }

    @MatrixTest(only = {Engine.H2, Engine.POSTGRES, Engine.MARIADB})
    void the_plan_says_which_occurrences_a_select_locks(TestDatabase db) {
        Fixtures.seed(db);
        List<TableUse> uses = new CopyOnWriteArrayList<>();
        StatementObserver observer = new StatementObserver() {
            @Override
            public void beforeStatement(StatementEvent event) {
                uses.addAll(event.plan().tables());
            }
        };
        Plugin observing = new Plugin() {
            @Override
            public String name() {
                return "observing";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(observer);
            }
        };
        Executor executor = Executor.of(db.dsl(), RlsPlugin.of(Fixtures.options().build()), observing);
        DSLContext alice = as(executor, AS_ALICE);
        alice.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).forUpdate().fetch();
        assertThat(uses).extracting(use -> use.table().name() + ":" + use.lock())
                .containsExactly("posts:" + RowLock.UPDATE, "users:" + RowLock.UPDATE);
        uses.clear();
        alice.select(POSTS.TITLE).from(POSTS).fetch();
        assertThat(uses).extracting(TableUse::lock).containsExactly(RowLock.NONE);
    }

    @MatrixTest(only = {Engine.H2, Engine.POSTGRES, Engine.MARIADB})
    void the_decision_audit_records_a_locked_table_under_read_and_update(TestDatabase db) {
        Fixtures.seed(db);
        List<RlsDecision> decisions = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(db.dsl(), RlsPlugin.of(Fixtures.options().decisions(decisions::add).allowedSampleRate(1).build()));
        lockedTitles(as(executor, AS_ALICE));
        assertThat(decisions).extracting(d -> d.table() + ":" + d.operation() + ":" + d.outcome())
                .containsExactly("posts:READ:ALLOWED", "posts:UPDATE:ALLOWED");
        decisions.clear();
        as(executor, AS_ALICE).select(SETTINGS.SETTING_KEY).from(SETTINGS).forUpdate().fetch();
        assertThat(decisions).extracting(d -> d.table() + ":" + d.operation() + ":" + d.outcome())
                .containsExactly("settings:READ:DENIED", "settings:UPDATE:DENIED");
    }

    @MatrixTest(only = Engine.SQLITE)
    void sqlite_has_no_locking_clause_so_the_database_refuses_it(TestDatabase db) {
        DSLContext alice = as(Fixtures.executor(db), AS_ALICE);
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> lockedTitles(alice)).isInstanceOf(KyseraException.class).hasMessageContaining("syntax error");
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    /** The repository's transition reads the row FOR UPDATE after a refused UPDATE: with update rights it reports the row. */
    @MatrixTest
    void a_repository_transition_reads_its_locked_row_where_the_caller_may_update_it(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        Result<Record> before = contents(db, POSTS);
        Repository<String, Long, Values, Values> alice = Repository.builder(POSTS, POSTS.ID).mapper(r -> r.get(POSTS.TITLE))
                .build(executor.with(RlsPlugin.CONTEXT, AS_ALICE));
        Repository<String, Long, Values, Values> bob = Repository.builder(POSTS, POSTS.ID).mapper(r -> r.get(POSTS.TITLE))
                .build(executor.with(RlsPlugin.CONTEXT, AS_BOB));
        assertThat(alice.transition(A1, POSTS.TITLE, "draft", "x", Values.empty()))
                .isEqualTo(new TransitionResult.Rejected<>("a1"));
        // bob may read alice's post but not update it: the locking read does not see it (SQLite reads it unlocked).
        TransitionResult<String> bobs = bob.transition(A1, POSTS.TITLE, "draft", "x", Values.empty());
        if (db.engine() == Engine.SQLITE) {
            assertThat(bobs).isEqualTo(new TransitionResult.Rejected<>("a1"));
        } else {
            assertThat(bobs).isInstanceOf(TransitionResult.NotFound.class);
        }
        assertThat(alice.transition(A1, POSTS.TITLE, "a1", "a1 done", Values.empty()))
                .isEqualTo(new TransitionResult.Applied<>("a1 done"));
        assertThat(contents(db, POSTS).map(r -> r.get(POSTS.TITLE))).containsExactly("a1 done", "a2", "b1", "c1", "d1");
        assertThat(before.map(r -> r.get(POSTS.TITLE))).containsExactly("a1", "a2", "b1", "c1", "d1");
    }
}
