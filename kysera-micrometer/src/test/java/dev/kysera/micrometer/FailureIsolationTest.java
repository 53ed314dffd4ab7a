package dev.kysera.micrometer;

import static dev.kysera.micrometer.Observed.statements;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** A broken handler or convention never breaks a statement or a transaction; it is counted. */
class FailureIsolationTest {

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_throwing_handler_leaves_statements_and_transactions_intact(TestDatabase db) {
        db.useTestSchema();
        ObservationRegistry registry = ObservationRegistry.create();
        AtomicInteger started = new AtomicInteger();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                started.incrementAndGet();
                throw new IllegalStateException("broken handler");
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        MicrometerPlugin plugin = MicrometerPlugin.of(registry);

        try (Executor executor = Observed.executor(db, plugin)) {
            executor.transaction(tx -> tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute());
            assertThat(executor.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute()).isEqualTo(1);
            assertThat(executor.dsl().selectFrom(TAGS).orderBy(TAGS.NAME).fetch().getValues(TAGS.NAME)).containsExactly("java", "sql");
        }

        assertThat(db.dsl().fetchCount(TAGS)).isEqualTo(2);
        assertThat(started.get()).isEqualTo(4); // one transaction, three statements
        assertThat(plugin.failures()).isEqualTo(4);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_throwing_convention_leaves_statements_intact_and_later_ones_observed(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();
        AtomicInteger calls = new AtomicInteger();
        StatementObservationConvention flaky = new DefaultStatementObservationConvention() {
            @Override
            public KeyValues getHighCardinalityKeyValues(StatementObservationContext context) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalArgumentException("broken convention");
                }
                return super.getHighCardinalityKeyValues(context);
            }
        };
        MicrometerPlugin plugin = MicrometerOptions.builder().statementConvention(flaky).observeTransactions(false).plugin(registry);

        try (Executor executor = Observed.executor(db, plugin)) {
            assertThat(executor.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute()).isEqualTo(1);
            assertThat(executor.dsl().selectFrom(TAGS).fetch()).hasSize(1);
        }

        assertThat(plugin.failures()).isEqualTo(1);
        // The statement whose start failed is not observed; the next one is, completely.
        assertThat(statements(registry)).extracting(StatementObservationContext::operationName).containsExactly("SELECT");
        assertThat(Observed.high(statements(registry).getFirst())).containsEntry("db.response.returned_rows", "1");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_statement_another_observer_stopped_before_it_was_sent_is_ended_not_leaked(TestDatabase db) {
        db.useTestSchema();
        for (boolean translate : new boolean[] {true, false}) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            AtomicInteger calls = new AtomicInteger();
            Plugin failsFirstStatement = Observed.plugin("fails-first", null, roles -> roles.statementObserver(new StatementObserver() {
                @Override
                public void beforeStatement(StatementEvent event) {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("not today");
                    }
                }
            }));

            try (Executor executor = Executor.builder().dsl(db.dsl()).translateErrors(translate)
                    .plugin(MicrometerPlugin.of(registry)).plugin(failsFirstStatement).build()) {
                assertThatThrownBy(() -> executor.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute())
                        .hasMessageContaining("not today");
                assertThat(executor.dsl().selectFrom(TAGS).fetch()).isEmpty();
            }

            // Translated, the executor reports the failure to afterStatement; untranslated it does not, and the
            // observation is ended when the next statement begins on this thread.
            String errorType = translate ? "UNEXPECTED_ERROR" : "java.lang.IllegalStateException";
            assertThat(meters.get("db.client.operation").tag("db.operation.name", "INSERT").tag("error.type", errorType).timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("db.client.operation").tag("db.operation.name", "SELECT").tag("error.type", "none").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("db.client.operation.active").longTaskTimers()).allSatisfy(t -> assertThat(t.activeTasks()).isZero());
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.MARIADB})
    void a_given_target_replaces_what_the_connection_says(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();
        MicrometerPlugin plugin = MicrometerOptions.builder().target(new DatabaseTarget("shop", "db.internal", 6543)).plugin(registry);

        try (Executor executor = Observed.executor(db, plugin)) {
            executor.dsl().selectFrom(TAGS).fetch();
        }

        assertThat(Observed.low(statements(registry).getFirst())).containsEntry("db.namespace", "shop")
                .containsEntry("server.address", "db.internal").containsEntry("server.port", "6543");
    }
}
