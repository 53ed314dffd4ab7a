package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.testplugins.TestPlugins;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * RETURNING through the executor: a write that touches no row returns no row (jOOQ's SQLite
 * emulation would otherwise read the connection's previous insert back, so configurations that
 * would bring it back are refused), and the plan says RETURNING for every INSERT, UPDATE and
 * DELETE that has one.
 */
class ReturningTest {

    private final List<StatementPlan> plans = new CopyOnWriteArrayList<>();

    private Plugin observing() {
        return observing(plans);
    }

    /** A plugin that changes nothing but observes every statement, recording its plan. */
    static Plugin observing(List<StatementPlan> plans) {
        return new Plugin() {
            @Override
            public String name() {
                return "observing";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public void afterStatement(StatementEvent event) {
                        plans.add(event.plan());
                    }
                });
            }
        };
    }

    /** The plan of the one statement of this kind observed (SQLite's read-back SELECT is observed too). */
    private StatementPlan planOf(StatementKind kind) {
        List<StatementPlan> matching = plans.stream().filter(plan -> plan.kind() == kind).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static Result<Record1<Long>> insertNothingReturningId(DSLContext dsl) {
        return dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(select(inline("nobody@x"), inline("nobody")).where(falseCondition()))
                .returningResult(USERS.ID).fetch();
    }

    private void zeroRowInsertReturnsNothing(TestDatabase db, Executor executor) {
        executor.transaction(tx -> {
            DSLContext dsl = tx.dsl();
            Long first = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").returning(USERS.ID).fetchOne(USERS.ID);
            assertThat(first).isEqualTo(dsl.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("a@x")).fetchSingle(USERS.ID));
            assertThat(insertNothingReturningId(dsl)).isEmpty();
            // The next real insert still gets its own key back.
            Long second = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("b@x", "b").returning(USERS.ID).fetchOne(USERS.ID);
            assertThat(second).isNotEqualTo(first)
                    .isEqualTo(dsl.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("b@x")).fetchSingle(USERS.ID));
        });
        assertThat(db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL)).containsExactly("a@x", "b@x");
    }

    @MatrixTest
    void a_zero_row_insert_select_returns_no_rows_without_plugins(TestDatabase db) {
        db.useTestSchema();
        zeroRowInsertReturnsNothing(db, Executor.of(db.dsl()));
    }

    @MatrixTest
    void a_zero_row_insert_select_returns_no_rows_with_plugins(TestDatabase db) {
        db.useTestSchema();
        zeroRowInsertReturnsNothing(db, Executor.of(db.dsl(), observing()));
    }

    @MatrixTest
    void a_multi_row_insert_returns_every_row_it_wrote_and_nothing_else(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), observing()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("first@x", "first").execute();

        List<String> values = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("v1@x", "v1").values("v2@x", "v2")
                .values("v3@x", "v3").returning(USERS.EMAIL).fetch(USERS.EMAIL);
        List<String> selected = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(select(USERS.EMAIL.concat(inline(".copy")), USERS.NAME).from(USERS).where(USERS.NAME.in("v1", "v2")))
                .returningResult(USERS.EMAIL).fetch(USERS.EMAIL);

        assertThat(values).containsExactly("v1@x", "v2@x", "v3@x");
        assertThat(selected).containsExactlyInAnyOrder("v1@x.copy", "v2@x.copy");
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(6);
    }

    @MatrixTest
    void a_zero_row_insert_select_returns_no_rows_outside_a_transaction(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl(), observing());
        DSLContext dsl = executor.dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").execute();
        assertThat(insertNothingReturningId(dsl)).isEmpty();
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(1);
    }

    @MatrixTest
    void the_plan_says_returning_for_insert_returning(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), observing()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").returning(USERS.ID).fetch();
        assertThat(planOf(StatementKind.INSERT).returning()).isTrue();
        plans.clear();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("b@x", "b").execute();
        assertThat(planOf(StatementKind.INSERT).returning()).isFalse();
    }

    @MatrixTest(except = Engine.MARIADB) // MariaDB has no UPDATE … RETURNING
    void the_plan_says_returning_for_update_returning(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), observing()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").execute();
        plans.clear();
        Result<Record1<String>> renamed = dsl.update(USERS).set(USERS.NAME, "z").returningResult(USERS.NAME).fetch();
        assertThat(renamed.getValues(USERS.NAME)).containsExactly("z");
        assertThat(planOf(StatementKind.UPDATE).returning()).isTrue();
        plans.clear();
        dsl.update(USERS).set(USERS.NAME, "y").execute();
        assertThat(planOf(StatementKind.UPDATE).returning()).isFalse();
    }

    @MatrixTest
    void the_plan_says_returning_for_delete_returning(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), observing()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").values("b@x", "b").execute();
        plans.clear();
        Result<Record1<String>> deleted = dsl.deleteFrom(USERS).where(USERS.EMAIL.eq("a@x")).returningResult(USERS.EMAIL).fetch();
        assertThat(deleted.getValues(USERS.EMAIL)).containsExactly("a@x");
        assertThat(planOf(StatementKind.DELETE).returning()).isTrue();
        plans.clear();
        dsl.deleteFrom(USERS).execute();
        assertThat(planOf(StatementKind.DELETE).returning()).isFalse();
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    private static final String SETTING = "fetchTriggerValuesAfterReturning";

    private static List<String> emails(TestDatabase db) {
        return db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL);
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_configuration_derived_with_settings_that_bring_back_the_read_back_refuses_insert_returning(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());
        DSLContext derived = DSL.using(executor.dsl().configuration().derive(new Settings()));

        assertThatThrownBy(() -> derived.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").returning(USERS.ID).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining(SETTING);
        var record = derived.newRecord(USERS);
        record.setEmail("b@x");
        record.setName("b");
        // store() reads the generated key back the same way
        assertThatThrownBy(record::store).isInstanceOf(UnsupportedStatementException.class).hasMessageContaining(SETTING);
        assertThat(emails(db)).isEmpty();

        derived.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("c@x", "c").execute();
        // The executor's own way to change settings keeps SQLite's RETURNING.
        Long id = executor.withSettings(settings -> settings.withFetchTriggerValuesAfterReturning(FetchTriggerValuesAfterReturning.ALWAYS))
                .dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("d@x", "d").returning(USERS.ID).fetchOne(USERS.ID);
        assertThat(id).isEqualTo(db.dsl().select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("d@x")).fetchSingle(USERS.ID));
        assertThat(emails(db)).containsExactly("c@x", "d@x");
    }

    @MatrixTest(only = Engine.SQLITE)
    void settings_changed_in_place_are_refused_and_so_is_a_strict_plugins_configuration_that_lost_the_execute_listener(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());
        executor.dsl().settings().setFetchTriggerValuesAfterReturning(FetchTriggerValuesAfterReturning.WHEN_NEEDED);
        assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").returning(USERS.ID).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining(SETTING);

        Executor strict = Executor.of(db.dsl(), new TestPlugins.Tenant(true, Set.of())).with(TestPlugins.TENANT, 1);
        DSLContext stripped = DSL.using(strict.dsl().configuration().derive(new Settings())
                .derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
                })));
        // The rewriting listener refuses it while rendering, without Kysera's execute listener.
        assertThatThrownBy(() -> stripped.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("b@x", "b").returning(USERS.ID).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining(SETTING);
        assertThat(emails(db)).isEmpty();
    }
}
