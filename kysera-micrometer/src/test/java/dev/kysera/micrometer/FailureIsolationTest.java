package dev.kysera.micrometer;

import static dev.kysera.micrometer.Observed.statements;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.common.KeyValues;
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
}
