package dev.kysera.executor;

import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.executor.CorpusData.CAROL;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link Transform#markAs}: a plugin declares what an UPDATE means, the plan carries it to
 * observers ({@link StatementPlan#intent()}), and only UPDATEs can be marked.
 */
class WriteIntentTest {

    static final ContextKey<WriteIntent> MARK = ContextKey.of("test.intent", WriteIntent.class);

    /** Marks writes with the intent of the context, and records every plan it observes. */
    static final class Marker implements Plugin {
        final List<StatementPlan> plans = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "marker";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.transform((table, operation, context) -> context.get(MARK).map(Transform::markAs).orElse(Transform.keep()))
                    .statementObserver(new StatementObserver() {
                        @Override
                        public void afterStatement(StatementEvent event) {
                            plans.add(event.plan());
                        }
                    });
        }
    }

    @MatrixTest
    void a_marked_update_runs_as_written_and_its_plan_says_what_it_means(TestDatabase db) {
        CorpusData.seed(db);
        Marker marker = new Marker();
        Executor executor = Executor.of(db.dsl(), marker);

        int restored = executor.with(MARK, WriteIntent.RESTORE).dsl().update(USERS).set(USERS.DELETED_AT, (java.time.LocalDateTime) null)
                .where(USERS.ID.eq(CorpusData.BOB)).execute();
        executor.dsl().update(USERS).set(USERS.NAME, "alicia").where(USERS.ID.eq(ALICE)).execute();

        assertThat(restored).isEqualTo(1);
        assertThat(db.dsl().fetchValue(USERS.DELETED_AT, USERS.ID.eq(CorpusData.BOB))).isNull();
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(ALICE))).isEqualTo("alicia");
        assertThat(marker.plans).extracting(StatementPlan::intent).containsExactly(WriteIntent.RESTORE, WriteIntent.AS_WRITTEN);
        assertThat(marker.plans.getFirst().changedBy()).containsExactly("marker");
        assertThat(marker.plans.get(1).changedBy()).doesNotContain("marker");
        assertThat(marker.plans).extracting(StatementPlan::kind).containsOnly(StatementKind.UPDATE);
    }

    @MatrixTest
    void marking_an_insert_or_a_delete_is_refused_before_it_runs(TestDatabase db) {
        CorpusData.seed(db);
        Executor marked = Executor.of(db.dsl(), new Marker()).with(MARK, WriteIntent.SOFT_DELETE);

        assertThatThrownBy(() -> marked.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(9001L, "x@example.com", "x").execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("only an UPDATE can be marked");
        assertThatThrownBy(() -> marked.dsl().deleteFrom(USERS).where(USERS.ID.eq(CAROL)).execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("only an UPDATE can be marked");
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(5);
        assertThat(db.dsl().fetchExists(USERS, USERS.ID.eq(CAROL))).isTrue();
    }

    @MatrixTest
    void a_marked_update_is_never_served_from_the_plan_cache(TestDatabase db) {
        CorpusData.seed(db);
        Plugin markOnly = new Plugin() {
            public String name() {
                return "mark-only";
            }

            public void register(PluginRoles roles) {
                roles.transform((table, operation, context) -> context.get(MARK).map(Transform::markAs).orElse(Transform.keep()));
            }
        };
        Executor executor = Executor.of(db.dsl(), markOnly);
        Executor marked = executor.with(MARK, WriteIntent.RESTORE);
        for (int i = 0; i < 3; i++) {
            marked.dsl().update(USERS).set(USERS.NAME, "m" + i).where(USERS.ID.eq(ALICE)).execute();
        }
        assertThat(executor.planCache().hits()).isZero();
        for (int i = 0; i < 3; i++) {
            executor.dsl().update(USERS).set(USERS.NAME, "u" + i).where(USERS.ID.eq(ALICE)).execute();
        }
        assertThat(executor.planCache().hits()).isEqualTo(2);
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(ALICE))).isEqualTo("u2");
    }

    @Test
    void mark_as_needs_an_intent_that_declares_something() {
        assertThatThrownBy(() -> Transform.markAs(WriteIntent.AS_WRITTEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AS_WRITTEN");
        assertThatThrownBy(() -> Transform.markAs(null)).isInstanceOf(NullPointerException.class);
        assertThat(Transform.markAs(WriteIntent.RESTORE)).isEqualTo(new Transform.Mark(WriteIntent.RESTORE));
    }
}
