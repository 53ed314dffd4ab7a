package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Record;

/**
 * Observers that want the rows a write changed get them with the statement on PostgreSQL (the
 * driver appends RETURNING *), and nothing elsewhere; the statement runs and counts as written.
 */
class ChangedRowsTest {

    private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
    private final List<Boolean> preImages = new CopyOnWriteArrayList<>();

    private static Plugin observer(String name, boolean changedRows, boolean preImage, List<StatementEvent> events, List<Boolean> preImages) {
        return new Plugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public boolean wantsChangedRows(StatementPlan plan) {
                        return changedRows;
                    }

                    @Override
                    public boolean wantsPreImage(StatementPlan plan) {
                        return preImage && (plan.kind() == StatementKind.UPDATE || plan.kind() == StatementKind.DELETE);
                    }

                    @Override
                    public void afterStatement(StatementEvent event) {
                        if (events != null) {
                            events.add(event);
                            preImages.add(event.preImage().isPresent());
                        }
                    }
                });
            }
        };
    }

    private static Map<String, Object> row(Record record) {
        return Map.of("id", ((Number) record.get("id")).longValue(), "name", record.get("name"));
    }

    @MatrixTest
    void inserted_updated_and_deleted_rows_come_back_with_the_statement_on_postgres_only(TestDatabase db) {
        db.useTestSchema();
        boolean postgres = db.engine() == Engine.POSTGRES;
        try (Executor executor = Executor.of(db.dsl(), observer("rows", true, true, events, preImages))) {
            assertThat(executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "a").values(2L, "b@x", "b")
                    .execute()).isEqualTo(2);
            assertThat(executor.dsl().update(USERS).set(USERS.NAME, "z").where(USERS.ID.eq(1L)).execute()).isEqualTo(1);
            assertThat(executor.dsl().deleteFrom(USERS).where(USERS.ID.eq(2L)).execute()).isEqualTo(1);
        }
        assertThat(events).extracting(StatementEvent::returnsChangedRows).containsExactly(postgres, postgres, postgres);
        if (postgres) {
            assertThat(events.get(0).changedRows().orElseThrow()).extracting(ChangedRowsTest::row)
                    .containsExactly(Map.of("id", 1L, "name", "a"), Map.of("id", 2L, "name", "b"));
            assertThat(events.get(1).changedRows().orElseThrow()).extracting(ChangedRowsTest::row).containsExactly(Map.of("id", 1L, "name", "z"));
            assertThat(events.get(2).changedRows().orElseThrow()).extracting(ChangedRowsTest::row).containsExactly(Map.of("id", 2L, "name", "b"));
            assertThat(events.get(2).changedRows().orElseThrow().fields()).hasSize(USERS.fields().length); // every column
        } else {
            assertThat(events).allSatisfy(event -> assertThat(event.changedRows()).isEmpty());
        }
        // The UPDATE's pre-image is read everywhere; the DELETE's only where its rows do not come back with it.
        assertThat(preImages).containsExactly(false, true, !postgres);
        assertThat(db.dsl().select(USERS.ID, USERS.NAME).from(USERS).fetch().intoMaps()).containsExactly(Map.of("id", 1L, "name", "z"));
    }

    @MatrixTest
    void a_delete_still_reads_its_pre_image_for_an_observer_that_wants_only_the_pre_image(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "a").execute();
        try (Executor executor = Executor.of(db.dsl(), observer("rows", true, false, null, null),
                observer("images", false, true, events, preImages))) {
            assertThat(executor.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);
        }
        assertThat(preImages).containsExactly(true);
        assertThat(events.getFirst().preImage().orElseThrow()).extracting(ChangedRowsTest::row).containsExactly(Map.of("id", 1L, "name", "a"));
        assertThat(events.getFirst().returnsChangedRows()).isEqualTo(db.engine() == Engine.POSTGRES);
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    @MatrixTest
    void observers_that_plan_on_demand_get_the_rows_of_inserts_only(TestDatabase db) {
        db.useTestSchema();
        Plugin lazy = new Plugin() {
            @Override
            public String name() {
                return "lazy";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public boolean wantsChangedRows(StatementPlan plan) {
                        return true;
                    }

                    @Override
                    public boolean readsPlans() {
                        return false; // asking about an UPDATE or DELETE would cost a render of each
                    }

                    @Override
                    public void afterStatement(StatementEvent event) {
                        events.add(event);
                    }
                });
            }
        };
        try (Executor executor = Executor.of(db.dsl(), lazy)) {
            executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "a").execute();
            executor.dsl().update(USERS).set(USERS.NAME, "z").where(USERS.ID.eq(1L)).execute();
            executor.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        }
        boolean postgres = db.engine() == Engine.POSTGRES;
        assertThat(events).extracting(StatementEvent::returnsChangedRows).containsExactly(postgres, false, false);
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }
}
