package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Result;

/**
 * RETURNING through the executor: a write that touches no row returns no row (SQLite's emulation
 * would otherwise read the connection's previous insert back), and the plan says RETURNING for
 * every INSERT, UPDATE and DELETE that has one.
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
}
