package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Record;
import org.jooq.Result;

/** Observers that ask for generated keys get what the JDBC driver reports, and the statement still runs as written. */
class GeneratedKeysTest {

    private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
    private final List<Integer> counted = new CopyOnWriteArrayList<>();

    private Executor executor(TestDatabase db) {
        db.useTestSchema();
        Plugin keys = new Plugin() {
            @Override
            public String name() {
                return "keys";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public List<String> generatedKeys(StatementPlan plan) {
                        return plan.target() != null && plan.target().is("users") ? List.of("id") : List.of();
                    }

                    @Override
                    public void afterStatement(StatementEvent event) {
                        events.add(event);
                        if (event.failure().isEmpty() && event.transaction().isPresent()) {
                            counted.add(event.dsl().fetchCount(USERS, USERS.ID.gt(1000L))); // binds a value on the statement's connection
                        }
                    }
                });
            }
        };
        return Executor.of(db.dsl(), keys);
    }

    private static List<Long> keys(StatementEvent event) {
        Result<Record> keys = event.generatedKeys().orElseThrow();
        return keys.stream().map(r -> ((Number) r.get(0)).longValue()).toList();
    }

    private List<Long> ids(TestDatabase db) {
        return db.dsl().select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID);
    }

    @MatrixTest
    void a_multi_row_insert_hands_observers_the_keys_the_driver_reports(TestDatabase db) {
        Executor executor = executor(db);
        int inserted = executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").values("b@x", "b")
                .values("c@x", "c").execute();
        assertThat(inserted).isEqualTo(3);
        List<Long> ids = ids(db);
        assertThat(ids).hasSize(3);
        List<Long> reported = keys(events.getLast());
        switch (db.engine()) {
            case POSTGRES, H2 -> assertThat(reported).containsExactlyElementsOf(ids);
            case MARIADB -> assertThat(reported).containsExactly(ids.getFirst());
            case SQLITE -> assertThat(reported).containsExactly(ids.getLast());
        }
    }

    @MatrixTest(except = Engine.SQLITE) // sqlite-jdbc reports no keys for a batch
    void a_bind_batch_hands_observers_one_key_per_batch_row(TestDatabase db) {
        Executor executor = executor(db);
        executor.dsl().batch(executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values((String) null, null))
                .bind("a@x", "a").bind("b@x", "b").execute();
        assertThat(keys(events.getLast())).containsExactlyElementsOf(ids(db));
    }

    @MatrixTest
    void statements_nobody_asked_keys_for_have_none(TestDatabase db) {
        Executor executor = executor(db);
        executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").execute();
        executor.dsl().update(USERS).set(USERS.NAME, "b").execute();
        assertThat(events).hasSize(2);
        assertThat(events.getFirst().generatedKeys()).isPresent();
        assertThat(events.getLast().generatedKeys()).isEmpty();
        assertThat(db.dsl().fetchValue(USERS.NAME)).isEqualTo("b");
    }

    @MatrixTest
    void the_event_context_binds_values_also_after_a_statement_jooq_ran_with_inlined_values(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> { // the event's context is the statement's connection, valid in its transaction
            var insert = tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME);
            for (long id = 1; id <= 1200; id++) { // 3600 values: more than SQLite takes as binds, so jOOQ inlines them
                insert = insert.values(id, "u" + id + "@x", "u" + id);
            }
            insert.execute();
        });
        assertThat(counted).containsExactly(200);
    }

    @MatrixTest
    void a_statement_with_returning_hands_observers_the_rows_it_returned_and_no_generated_keys(TestDatabase db) {
        Executor executor = executor(db);
        var returned = executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "a").values("b@x", "b")
                .returning(USERS.ID, USERS.NAME).fetch();
        StatementEvent event = events.getLast();
        assertThat(event.generatedKeys()).isEmpty();
        // SQLite too: the executor sends its own RETURNING, not jOOQ's last_insert_rowid() read-back (the last row only)
        assertThat(event.returnedRows().orElseThrow().map(r -> r.get(1))).containsExactly("a", "b");
        assertThat(returned.getValues(USERS.ID)).containsExactlyElementsOf(ids(db));
    }
}
