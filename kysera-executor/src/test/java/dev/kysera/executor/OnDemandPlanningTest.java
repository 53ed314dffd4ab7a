package dev.kysera.executor;

import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.executor.CorpusData.CAROL;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * An executor whose observers all plan on demand ({@link StatementObserver#readsPlans()} false)
 * renders without the planning listener, and its observers see exactly what observers of an
 * executor that plans every statement see: plans, SQL, binds, row counts, written rows, failures.
 */
class OnDemandPlanningTest {

    /** What one after-event showed, read inside the callback. */
    record Seen(List<StatementPlan> plans, List<String> sql, boolean batch, List<List<Object>> binds, List<Long> rowCounts,
                List<RowWrite> writtenRows, String failure) {
        /** The same without the SQL: see {@link #observers_that_plan_on_demand_see_what_observers_of_every_plan_see}. */
        Seen withoutSql() {
            return new Seen(plans, List.of(), batch, binds, rowCounts, writtenRows, failure);
        }

        static Seen of(StatementEvent event) {
            return new Seen(event.plans(), event.sql(), event.batch(), event.binds(), event.rowCounts(), event.writtenRows(),
                    event.failure().map(f -> f.getClass().getName()).orElse(null));
        }
    }

    /** Records every statement; reads plans (every time) only when asked, after the statement ran. */
    static final class Observing implements Plugin {
        private final boolean readsPlans;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final List<StatementEvent> events = new CopyOnWriteArrayList<>();

        Observing(boolean readsPlans) {
            this.readsPlans = readsPlans;
        }

        @Override
        public String name() {
            return readsPlans ? "reads-plans" : "plans-on-demand";
        }

        @Override
        public void register(PluginRoles roles) {
            roles.statementObserver(new StatementObserver() {
                @Override
                public boolean readsPlans() {
                    return readsPlans;
                }

                @Override
                public void afterStatement(StatementEvent event) {
                    events.add(event);
                    seen.add(Seen.of(event));
                }
            });
        }
    }

    /** Statements of every kind the executor plans, each run in a transaction that is rolled back. */
    private static final List<Consumer<DSLContext>> CORPUS = List.of(
            dsl -> dsl.select(USERS.ID, USERS.NAME).from(USERS).where(USERS.ID.eq(ALICE)).fetch(),
            dsl -> dsl.select(USERS.NAME, POSTS.TITLE).from(USERS).leftJoin(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                    .where(USERS.ID.in(select(POSTS.USER_ID).from(POSTS).where(POSTS.TITLE.eq("p1")))).fetch(),
            dsl -> dsl.with("recent").as(select(POSTS.ID, POSTS.USER_ID).from(POSTS).where(POSTS.ID.gt(2002L)))
                    .select(USERS.NAME).from(USERS).join(table(name("recent"))).on(USERS.ID.eq(org.jooq.impl.DSL.field(name("recent", "user_id"), Long.class)))
                    .fetch(),
            dsl -> dsl.selectCount().from(table(name("users"))).fetch(),
            dsl -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values(7001L, "a@x", "a", 1)
                    .values(7002L, "b@x", "b", 2).execute(),
            dsl -> dsl.update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(CAROL)).execute(),
            dsl -> dsl.deleteFrom(POSTS).where(POSTS.ID.eq(2003L)).execute(),
            dsl -> dsl.batch(dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values((Long) null, null, null, null))
                    .bind(7011L, "c@x", "c", 1).bind(7012L, "d@x", "d", 1).execute(),
            dsl -> dsl.batch(dsl.update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(ALICE)),
                    dsl.deleteFrom(POSTS).where(POSTS.ID.eq(2004L))).execute(),
            dsl -> dsl.fetch("select id, name from users where id = ?", ALICE),
            dsl -> dsl.execute("update users set name = ? where id = ?", "plain", ALICE),
            dsl -> {
                UsersRecord user = dsl.newRecord(USERS);
                user.setId(7021L);
                user.setEmail("e@x");
                user.setName("e");
                user.setTenantId(1);
                user.store();
            });

    private static List<Seen> observe(TestDatabase db, boolean readsPlans) {
        Observing observing = new Observing(readsPlans);
        try (Executor executor = Executor.of(db.dsl(), observing)) {
            for (Consumer<DSLContext> statement : CORPUS) {
                assertThatThrownBy(() -> executor.transaction(tx -> {
                    statement.accept(tx.dsl());
                    throw new RolledBack();
                })).isInstanceOf(RolledBack.class);
            }
        }
        return List.copyOf(observing.seen);
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @MatrixTest
    void observers_that_plan_on_demand_see_what_observers_of_every_plan_see(TestDatabase db) {
        CorpusData.seed(db);
        List<Seen> everyPlan = observe(db, true);
        List<Seen> onDemand = observe(db, false);
        assertThat(everyPlan).hasSizeGreaterThanOrEqualTo(CORPUS.size());
        assertThat(onDemand).hasSameSizeAs(everyPlan);
        for (int i = 0; i < everyPlan.size(); i++) {
            Seen expected = everyPlan.get(i);
            if (expected.plans().getFirst().plainSql()) {
                // Planning while rendering runs plain SQL as jOOQ renders its parse (H2: upper case, casts); planning
                // on demand plans the same parse but runs the SQL as written, as an executor without plugins does.
                assertThat(onDemand.get(i).withoutSql()).as("statement %d", i).isEqualTo(expected.withoutSql());
                assertThat(onDemand.get(i).sql()).singleElement().asString().startsWith(i == 9 ? "select id, name from users" : "update users set");
            } else {
                assertThat(onDemand.get(i)).as("statement %d: %s", i, expected.sql()).isEqualTo(expected);
            }
        }
        assertThat(everyPlan).anySatisfy(seen -> assertThat(seen.plans().getFirst().tables()).hasSizeGreaterThanOrEqualTo(2));
    }

    @MatrixTest
    void an_executor_whose_observers_plan_on_demand_renders_without_the_planning_listener(TestDatabase db) {
        CorpusData.seed(db);
        try (Executor plain = Executor.of(db.dsl()); Executor onDemand = Executor.of(db.dsl(), new Observing(false));
             Executor everyPlan = Executor.of(db.dsl(), new Observing(true))) {
            int without = plain.dsl().configuration().visitListenerProviders().length;
            assertThat(onDemand.dsl().configuration().visitListenerProviders()).hasSize(without);
            assertThat(everyPlan.dsl().configuration().visitListenerProviders()).hasSize(without + 1);
        }
    }

    @MatrixTest
    void a_plan_read_after_the_callback_is_the_one_read_during_it(TestDatabase db) {
        CorpusData.seed(db);
        Observing observing = new Observing(false);
        try (Executor executor = Executor.of(db.dsl(), observing)) {
            executor.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(ALICE)).fetch();
            StatementEvent event = observing.events.getFirst();
            assertThat(event.plan()).isSameAs(observing.seen.getFirst().plans().getFirst());
            assertThat(event.plan().kind()).isEqualTo(StatementKind.SELECT);
            assertThat(event.plan().tables()).extracting(use -> use.table().name()).containsExactly("users");
        }
    }

    @MatrixTest
    void without_error_translation_a_statement_failing_while_prepared_reaches_observers(TestDatabase db) {
        CorpusData.seed(db);
        for (boolean readsPlans : new boolean[] {true, false}) {
            Observing observing = new Observing(readsPlans);
            try (Executor executor = Executor.builder().dsl(db.dsl()).translateErrors(false).plugin(observing).build()) {
                DSLContext dsl = executor.dsl();
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> dsl.select(USERS.ID).from(table(name("no_such_table"))).fetch());
                assertThat(thrown).isInstanceOf(DataAccessException.class);
                assertThat(observing.events).hasSize(1);
                StatementEvent event = observing.events.getFirst();
                assertThat(event.failure()).containsSame((RuntimeException) thrown);
                assertThat(event.rowCounts()).isEmpty();
                assertThat(event.sql()).singleElement().asString().contains("no_such_table");
                // SQLite and H2 reject it while preparing, before the executor acts on its plan: the event's plan is opaque then.
                boolean rejectedWhilePrepared = db.engine() == Engine.SQLITE || db.engine() == Engine.H2;
                assertThat(event.plan().kind()).isEqualTo(rejectedWhilePrepared ? StatementKind.OTHER : StatementKind.SELECT);
                assertThat(event.elapsed().isZero()).isEqualTo(rejectedWhilePrepared);
            }
        }
    }
}
