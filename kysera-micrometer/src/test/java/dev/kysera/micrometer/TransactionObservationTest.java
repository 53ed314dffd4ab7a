package dev.kysera.micrometer;

import static dev.kysera.micrometer.Observed.high;
import static dev.kysera.micrometer.Observed.low;
import static dev.kysera.micrometer.Observed.statements;
import static dev.kysera.micrometer.Observed.transactions;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.ExternalTransaction;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.impl.DSL;

/** Transactions are observed from begin to commit or rollback, and are the parents of their statements. */
class TransactionObservationTest {

    @MatrixTest
    void a_committed_transaction_is_the_parent_of_its_statements_and_savepoints(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
                tx.transaction(nested -> nested.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute()); // a savepoint
                tx.dsl().selectFrom(TAGS).fetch();
            });
        }

        assertThat(transactions(registry)).hasSize(2);
        TransactionObservationContext transaction = transactions(registry).getFirst();
        TransactionObservationContext savepoint = transactions(registry).get(1);
        assertThat(transaction.getName()).isEqualTo("db.client.transaction");
        assertThat(transaction.getContextualName()).isEqualTo("TRANSACTION");
        assertThat(transaction.outcome()).isEqualTo(TransactionObservationContext.Outcome.COMMIT);
        assertThat(low(transaction)).containsEntry("kysera.transaction.outcome", "commit").containsEntry("error.type", "none")
                .containsEntry("db.system.name", Observed.systemName(db.engine()))
                .containsEntry("kysera.transaction.isolation", "none").containsEntry("kysera.transaction.read_only", "false");
        assertThat(high(transaction)).containsEntry("kysera.transaction.statements", "3").containsEntry("kysera.transaction.depth", "0")
                .containsEntry("kysera.transaction.id", Long.toString(transaction.transactionId()));
        assertThat(savepoint.getName()).isEqualTo("db.client.savepoint");
        assertThat(savepoint.getContextualName()).isEqualTo("SAVEPOINT");
        assertThat(savepoint.getParentObservation().getContextView()).isSameAs(transaction);
        assertThat(savepoint.transactionId()).isEqualTo(transaction.transactionId());
        assertThat(high(savepoint)).containsEntry("kysera.transaction.statements", "1").containsEntry("kysera.transaction.depth", "1");
        assertThat(low(savepoint)).containsEntry("kysera.transaction.outcome", "commit");
        List<StatementObservationContext> statements = statements(registry);
        assertThat(statements).hasSize(3).allSatisfy(statement ->
                assertThat(high(statement)).containsEntry("kysera.transaction.id", Long.toString(transaction.transactionId())));
        assertThat(statements).extracting(statement -> statement.getParentObservation().getContextView())
                .containsExactly(transaction, savepoint, transaction);
        assertThat(transaction.getParentObservation()).isNull();
        assertThat(registry.getCurrentObservation()).as("the transaction's scope is closed").isNull();
    }

    @MatrixTest
    void a_rolled_back_savepoint_is_observed_with_its_cause_inside_a_committed_transaction(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
                assertThatThrownBy(() -> tx.transaction(savepoint -> savepoint.transaction(inner ->
                        inner.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute()))).isInstanceOf(UniqueConstraintException.class);
            }, Isolation.SERIALIZABLE);
        }

        assertThat(db.dsl().fetch(TAGS).getValues(TAGS.NAME)).containsExactly("java");
        List<TransactionObservationContext> all = transactions(registry);
        assertThat(all).extracting(TransactionObservationContext::depth).containsExactly(0, 1, 2);
        TransactionObservationContext transaction = all.get(0);
        TransactionObservationContext outer = all.get(1);
        TransactionObservationContext inner = all.get(2);
        assertThat(transaction.outcome()).isEqualTo(TransactionObservationContext.Outcome.COMMIT);
        assertThat(outer.outcome()).isEqualTo(TransactionObservationContext.Outcome.ROLLBACK);
        assertThat(inner.outcome()).isEqualTo(TransactionObservationContext.Outcome.ROLLBACK);
        assertThat(inner.getParentObservation().getContextView()).isSameAs(outer);
        assertThat(outer.getParentObservation().getContextView()).isSameAs(transaction);
        assertThat(inner.getError()).isInstanceOf(UniqueConstraintException.class);
        assertThat(low(inner)).containsEntry("kysera.transaction.outcome", "rollback").containsEntry("error.type", "UNIQUE_VIOLATION")
                .containsEntry("kysera.transaction.isolation", "serializable").containsEntry("kysera.transaction.read_only", "false");
        assertThat(low(transaction)).containsEntry("kysera.transaction.isolation", "serializable").containsEntry("error.type", "none");
        assertThat(high(transaction)).containsEntry("kysera.transaction.statements", "2");
        assertThat(high(outer)).containsEntry("kysera.transaction.statements", "1");
        assertThat(statements(registry).get(1).getParentObservation().getContextView()).isSameAs(inner);
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB, Engine.H2})
    void a_read_only_transaction_is_tagged(TestDatabase db) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.transaction(tx -> tx.dsl().fetch(DSL.selectOne()), Readonly.READONLY, Isolation.READ_COMMITTED);
        }
        assertThat(low(transactions(registry).getFirst())).containsEntry("kysera.transaction.read_only", "true")
                .containsEntry("kysera.transaction.isolation", "read_committed");
    }

    @MatrixTest(only = Engine.SQLITE)
    void an_adopted_transaction_has_unknown_isolation_and_read_only(TestDatabase db) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            ExternalTransaction adopted = executor.adoptTransaction();
            assertThat(adopted.handle().external()).isTrue();
            adopted.beforeCommit();
            adopted.completed(true, null);
        }
        assertThat(low(transactions(registry).getFirst())).containsEntry("kysera.transaction.read_only", "none")
                .containsEntry("kysera.transaction.isolation", "none").containsEntry("kysera.transaction.outcome", "commit");
    }

    @MatrixTest
    void a_rolled_back_transaction_has_its_cause(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            assertThatThrownBy(() -> executor.transaction(tx -> {
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute();
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
            })).isInstanceOf(UniqueConstraintException.class);
            assertThatThrownBy(() -> executor.transaction(tx -> {
                throw new IllegalStateException("the caller gave up");
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(db.dsl().fetch(TAGS).getValues(TAGS.NAME)).containsExactly("java");
        assertThat(transactions(registry)).hasSize(2);
        TransactionObservationContext failedStatement = transactions(registry).get(0);
        assertThat(failedStatement.outcome()).isEqualTo(TransactionObservationContext.Outcome.ROLLBACK);
        assertThat(failedStatement.getError()).isInstanceOf(UniqueConstraintException.class);
        assertThat(low(failedStatement)).containsEntry("kysera.transaction.outcome", "rollback").containsEntry("error.type", "UNIQUE_VIOLATION");
        assertThat(high(failedStatement)).containsEntry("kysera.transaction.statements", "2");
        assertThat(low(transactions(registry).get(1))).containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @MatrixTest
    void a_transaction_nests_in_the_callers_observation(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();
        Observation request = Observation.start("http.server.requests", registry);

        Observation.Scope scope = request.openScope();
        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            executor.transaction(tx -> tx.dsl().selectFrom(TAGS).fetch());
            executor.dsl().selectFrom(TAGS).fetch();
        } finally {
            scope.close();
            request.stop();
        }

        TransactionObservationContext transaction = transactions(registry).getFirst();
        assertThat(transaction.getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
        assertThat(statements(registry)).hasSize(2);
        assertThat(statements(registry).get(0).getParentObservation().getContextView()).isSameAs(transaction);
        assertThat(statements(registry).get(1).getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
    }

    @MatrixTest
    void transactions_can_be_left_unobserved(TestDatabase db) {
        db.useTestSchema();
        TestObservationRegistry registry = TestObservationRegistry.create();

        try (Executor executor = Observed.executor(db, MicrometerOptions.builder().observeTransactions(false).plugin(registry))) {
            executor.transaction(tx -> tx.dsl().selectFrom(TAGS).fetch());
        }

        assertThat(transactions(registry)).isEmpty();
        assertThat(statements(registry)).singleElement().satisfies(s -> assertThat(s.getParentObservation()).isNull());
    }
}
