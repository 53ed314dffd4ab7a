package dev.kysera.micrometer;

import static dev.kysera.micrometer.Observed.high;
import static dev.kysera.micrometer.Observed.low;
import static dev.kysera.micrometer.Observed.statements;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.Map;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** One observation per statement, with the semantic-convention keys each database reports. */
class StatementObservationTest {

    private static final List<String> LOW_KEYS = List.of("db.system.name", "db.namespace", "db.operation.name",
            "db.collection.name", "db.response.status_code", "error.type", "server.address", "server.port");

    @MatrixTest
    void a_select_carries_the_conventions_keys(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            assertThat(executor.dsl().selectFrom(USERS).where(USERS.EMAIL.eq("ann@example.com")).fetch()).hasSize(1);
        }

        StatementObservationContext select = statements(registry).getFirst();
        assertThat(statements(registry)).hasSize(1);
        assertThat(select.getName()).isEqualTo("db.client.operation");
        assertThat(select.getContextualName()).isEqualTo("SELECT users");
        Map<String, String> low = low(select);
        assertThat(low.keySet()).containsExactlyInAnyOrderElementsOf(LOW_KEYS);
        assertThat(low).contains(entry("db.system.name", Observed.systemName(db.engine())), entry("db.operation.name", "SELECT"),
                entry("db.collection.name", "users"), entry("error.type", "none"), entry("db.response.status_code", "none"),
                entry("server.address", Observed.server(db).get(0)), entry("server.port", Observed.server(db).get(1)));
        switch (db.engine()) {
            case POSTGRES -> assertThat(low.get("db.namespace")).endsWith("|" + db.isolationName()).doesNotStartWith("|");
            case MARIADB, H2 -> assertThat(low.get("db.namespace")).isEqualTo(db.isolationName());
            case SQLITE -> assertThat(low.get("db.namespace")).isEqualTo("none"); // sqlite-jdbc names no catalog or schema
        }
        // Query text and binds are opt-in; nothing else identifies the values.
        assertThat(high(select)).containsOnly(entry("db.query.summary", "SELECT users"), entry("db.response.returned_rows", "1"));
        assertThat(select.getError()).isNull();
        assertThat(select.getParentObservation()).isNull();
    }

    @MatrixTest
    void writes_name_the_plugins_that_changed_them_and_their_rows(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, Observed.HIDE_CLOSED, MicrometerPlugin.of(registry))) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
            assertThat(executor.dsl().update(USERS).set(USERS.NAME, "Anna").where(USERS.EMAIL.eq("ann@example.com")).execute())
                    .isEqualTo(1);
            assertThat(executor.dsl().deleteFrom(USERS).where(USERS.EMAIL.eq("nobody@example.com")).execute()).isZero();
        }

        List<StatementObservationContext> observed = statements(registry);
        assertThat(observed).extracting(StatementObservationContext::operationName).containsExactly("INSERT", "UPDATE", "DELETE");
        assertThat(observed).allSatisfy(o -> assertThat(low(o)).containsEntry("db.collection.name", "users"));
        assertThat(high(observed.get(0))).doesNotContainKey("kysera.plugins").containsEntry("kysera.db.affected_rows", "1");
        assertThat(high(observed.get(1))).containsEntry("kysera.plugins", "hide-closed").containsEntry("kysera.db.affected_rows", "1")
                .containsEntry("db.query.summary", "UPDATE users").doesNotContainKey("db.response.returned_rows");
        assertThat(high(observed.get(2))).containsEntry("kysera.plugins", "hide-closed").containsEntry("kysera.db.affected_rows", "0");
    }

    @MatrixTest
    void query_text_and_bind_values_only_when_opted_in(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();
        MicrometerPlugin plugin = MicrometerOptions.builder().includeQueryText(true).includeBindValues(true).maxBindValueLength(8)
                .plugin(registry);
        Query insert = db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("bartholomew@example.com", "Bart");

        try (Executor executor = Observed.executor(db, plugin)) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("bartholomew@example.com", "Bart").execute();
        }

        Map<String, String> high = high(statements(registry).getFirst());
        assertThat(high).containsEntry("db.query.text", insert.getSQL())
                .containsEntry("db.query.parameter.0", "barthol…").containsEntry("db.query.parameter.1", "Bart");
        assertThat(high.get("db.query.text")).doesNotContain("bartholomew").contains("?");
    }

    @MatrixTest
    void literals_in_the_query_text_are_replaced_unless_turned_off(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry sanitized = TestObservationRegistry.create();
        TestObservationRegistry kept = TestObservationRegistry.create();
        try (Executor executor = Observed.executor(db, MicrometerOptions.builder().includeQueryText(true).plugin(sanitized),
                MicrometerOptions.builder().name("kept").includeQueryText(true).sanitizeQueryText(false).plugin(kept))) {
            executor.dsl().select(USERS.ID).from(USERS)
                    .where(USERS.EMAIL.eq(DSL.inline("it's@example.com"))).and(USERS.ID.gt(DSL.inline(41L))).fetch();
        }
        String template = "select %1$susers%1$s.%1$sid%1$s from %1$susers%1$s where (%1$susers%1$s.%1$semail%1$s = %2$s and "
                + "%1$susers%1$s.%1$sid%1$s > %3$s)";
        String quote = db.engine() == Engine.SQLITE || db.engine() == Engine.MARIADB ? "`" : "\"";
        assertThat(high(statements(sanitized).getFirst())).containsEntry("db.query.text", template.formatted(quote, "?", "?"));
        assertThat(high(statements(kept).getFirst())).containsEntry("db.query.text", template.formatted(quote, "'it''s@example.com'", "41"));
    }

    @MatrixTest
    void a_failed_statement_has_its_error_type_and_sqlstate(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Again").execute())
                    .isInstanceOf(UniqueConstraintException.class);
        }

        StatementObservationContext failed = statements(registry).getFirst();
        assertThat(failed.getError()).isInstanceOf(UniqueConstraintException.class);
        assertThat(low(failed)).containsEntry("error.type", "UNIQUE_VIOLATION").containsEntry("db.operation.name", "INSERT")
                .containsEntry("db.response.status_code", switch (db.engine()) {
                    case POSTGRES, H2 -> "23505";
                    case MARIADB -> "23000";
                    case SQLITE -> "none"; // sqlite-jdbc reports no SQLSTATE, only its result code
                });
        assertThat(high(failed)).doesNotContainKeys("kysera.db.affected_rows", "kysera.failed_before_execution");
    }

    @MatrixTest
    void a_statement_refused_before_it_was_sent_is_observed(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, Observed.NO_TAG_DELETES, MicrometerPlugin.of(registry))) {
            assertThatThrownBy(() -> executor.dsl().deleteFrom(TAGS).execute()).isInstanceOf(AccessDeniedException.class);
        }

        assertThat(db.dsl().fetchCount(TAGS)).isEqualTo(1);
        StatementObservationContext refused = statements(registry).getFirst();
        assertThat(statements(registry)).hasSize(1);
        assertThat(refused.getError()).isInstanceOf(AccessDeniedException.class);
        assertThat(refused.failedBeforeExecution()).isTrue();
        assertThat(low(refused)).containsEntry("error.type", "ACCESS_DENIED");
        assertThat(high(refused)).containsEntry("kysera.failed_before_execution", "true");
    }

    @MatrixTest
    void a_batch_is_one_observation_with_its_size(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.dsl().batch(executor.dsl().insertInto(TAGS, TAGS.NAME).values((String) null))
                    .bind("a").bind("b").bind("c").execute();
        }

        assertThat(db.dsl().fetchCount(TAGS)).isEqualTo(3);
        StatementObservationContext batch = statements(registry).getFirst();
        assertThat(statements(registry)).hasSize(1);
        assertThat(low(batch)).containsEntry("db.operation.name", "BATCH INSERT").containsEntry("db.collection.name", "tags");
        assertThat(high(batch)).containsEntry("db.operation.batch.size", "3").containsEntry("db.query.summary", "BATCH INSERT tags");
        assertThat(batch.getContextualName()).isEqualTo("BATCH INSERT tags");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void statements_the_executor_does_not_model_are_named_by_their_keyword(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.dsl().execute("create table scratch_" + db.engine().label() + " (id int)");
            executor.dsl().execute("drop table scratch_" + db.engine().label());
        }

        assertThat(statements(registry)).extracting(o -> low(o).get("db.operation.name"), o -> low(o).get("db.collection.name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CREATE", "none"), org.assertj.core.groups.Tuple.tuple("DROP", "none"));
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.H2})
    void a_prefix_and_a_convention_override_name_and_fill_the_observations(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();
        StatementObservationConvention withTeam = new DefaultStatementObservationConvention("shop.db.operation") {
            @Override
            public io.micrometer.common.KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "checkout");
            }
        };
        MicrometerPlugin plugin = MicrometerOptions.builder().prefix("shop.db").statementConvention(withTeam).plugin(registry);

        try (Executor executor = Observed.executor(db, plugin)) {
            executor.transaction(tx -> tx.dsl().selectFrom(TAGS).fetch());
        }

        StatementObservationContext select = statements(registry).getFirst();
        assertThat(select.getName()).isEqualTo("shop.db.operation");
        assertThat(low(select)).containsEntry("team", "checkout").containsEntry("db.operation.name", "SELECT");
        assertThat(Observed.transactions(registry).getFirst().getName()).isEqualTo("shop.db.transaction");
    }

    @MatrixTest
    void a_statement_the_database_rejects_is_observed_with_its_error(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            assertThatThrownBy(() -> executor.dsl().selectFrom(org.jooq.impl.DSL.table("no_such_table")).fetch())
                    .isInstanceOf(dev.kysera.core.error.KyseraException.class);
        }

        StatementObservationContext failed = statements(registry).getFirst();
        assertThat(statements(registry)).hasSize(1);
        assertThat(failed.getError()).isInstanceOf(dev.kysera.core.error.DatabaseException.class);
        assertThat(low(failed)).containsEntry("error.type", "DATABASE_ERROR").containsEntry("db.operation.name", "SELECT")
                .containsEntry("db.response.status_code", switch (db.engine()) {
                    case POSTGRES -> "42P01";
                    case H2, MARIADB -> "42S02";
                    case SQLITE -> "none";
                });
        // SQLite and H2 reject the statement while preparing it, before the executor's plan reaches the observers.
        boolean rejectedWhilePrepared = db.engine() == Engine.SQLITE || db.engine() == Engine.H2;
        assertThat(failed.failedBeforeExecution()).isEqualTo(rejectedWhilePrepared);
        assertThat(low(failed)).containsEntry("db.collection.name", rejectedWhilePrepared ? "none" : "no_such_table");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_delete_turned_into_an_update_says_what_was_written(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
        TestObservationRegistry registry = TestObservationRegistry.create();
        dev.kysera.executor.Plugin softDelete = Observed.plugin("soft", "users", roles -> roles.transform((table, operation, ctx) ->
                operation == dev.kysera.executor.Operation.DELETE
                        ? dev.kysera.executor.Transform.deleteAsUpdate(List.of(dev.kysera.executor.Assignment.of("status", "closed")))
                        : dev.kysera.executor.Transform.keep()));

        try (Executor executor = Observed.executor(db, softDelete, MicrometerPlugin.of(registry))) {
            assertThat(executor.dsl().deleteFrom(USERS).where(USERS.EMAIL.eq("ann@example.com")).execute()).isEqualTo(1);
        }

        assertThat(db.dsl().fetchValue(USERS.STATUS)).isEqualTo("closed");
        StatementObservationContext update = statements(registry).getFirst();
        assertThat(low(update)).containsEntry("db.operation.name", "UPDATE").containsEntry("db.collection.name", "users");
        assertThat(high(update)).containsEntry("kysera.written_operation", "DELETE").containsEntry("kysera.plugins", "soft")
                .containsEntry("kysera.db.affected_rows", "1");
    }
}
