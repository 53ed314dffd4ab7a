package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.impl.DSL;

/** Transactions and savepoints are logged when they begin, commit and roll back, with isolation and read-only. */
class QueryLogTransactionTest {

    @MatrixTest
    void savepoints_are_logged_with_their_outcome_inside_their_transaction(TestDatabase db) {
        db.useTestSchema();
        List<TransactionLogEntry> entries = new CopyOnWriteArrayList<>();
        Fixtures.Sink statements = new Fixtures.Sink();
        QueryLog log = QueryLogOptions.builder().sink(statements).transactionSink(entries::add).transactionLevel(Level.INFO).plugin();
        long id;
        try (Executor executor = Fixtures.executor(db, log)) {
            id = executor.transactionResult(tx -> {
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();
                assertThatThrownBy(() -> tx.transaction(savepoint -> savepoint.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute()))
                        .isInstanceOf(UniqueConstraintException.class);
                tx.transaction(savepoint -> savepoint.transaction(inner -> inner.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute()));
                return tx.transaction().orElseThrow().id();
            }, Isolation.SERIALIZABLE);
        }
        assertThat(db.dsl().fetch(TAGS).getValues(TAGS.NAME)).containsExactlyInAnyOrder("java", "sql");
        assertThat(entries).extracting(TransactionLogEntry::event, TransactionLogEntry::depth).containsExactly(
                tuple(TransactionLogEntry.Event.BEGIN, 0),
                tuple(TransactionLogEntry.Event.BEGIN, 1),
                tuple(TransactionLogEntry.Event.ROLLBACK, 1),
                tuple(TransactionLogEntry.Event.BEGIN, 1),
                tuple(TransactionLogEntry.Event.BEGIN, 2),
                tuple(TransactionLogEntry.Event.COMMIT, 2),
                tuple(TransactionLogEntry.Event.COMMIT, 1),
                tuple(TransactionLogEntry.Event.COMMIT, 0));
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.transaction()).isEqualTo(id);
            assertThat(e.level()).isEqualTo(Level.INFO);
            assertThat(e.isolation()).contains(Isolation.SERIALIZABLE);
            assertThat(e.readOnly()).isFalse();
            assertThat(e.external()).isFalse();
        });
        assertThat(entries.getFirst().message()).isEqualTo("begin tx " + id + ", isolation serializable, read-write");
        assertThat(entries.get(1).message()).isEqualTo("begin savepoint 1 of tx " + id);
        TransactionLogEntry rollback = entries.get(2);
        assertThat(rollback.failure()).containsInstanceOf(UniqueConstraintException.class);
        assertThat(rollback.errorCode()).isEqualTo(Optional.of(UniqueConstraintException.CODE));
        assertThat(rollback.message()).matches("rollback savepoint 1 of tx " + id + " after \\d+\\.\\d{3} ms \\[UNIQUE_VIOLATION] -- .+");
        assertThat(entries.get(5).message()).matches("release savepoint 2 of tx " + id + " after \\d+\\.\\d{3} ms");
        assertThat(entries.getLast().message()).matches("commit tx " + id + " after \\d+\\.\\d{3} ms");
        assertThat(entries.getLast().elapsed()).isGreaterThanOrEqualTo(entries.get(5).elapsed()).isPositive();
        assertThat(statements.entries).hasSize(3);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB, Engine.H2})
    void a_read_only_transaction_says_so(TestDatabase db) {
        List<TransactionLogEntry> entries = new CopyOnWriteArrayList<>();
        try (Executor executor = Fixtures.executor(db, QueryLogOptions.builder().transactionSink(entries::add).plugin())) {
            executor.transaction(tx -> tx.dsl().fetch(DSL.selectOne()), Readonly.READONLY);
            executor.transaction(tx -> tx.dsl().fetch(DSL.selectOne()));
        }
        assertThat(entries).hasSize(4);
        assertThat(entries.getFirst().readOnly()).isTrue();
        assertThat(entries.getFirst().isolation()).isEmpty();
        assertThat(entries.getFirst().level()).isEqualTo(Level.DEBUG);
        assertThat(entries.getFirst().message()).endsWith(", isolation default, read-only");
        assertThat(entries.get(2).readOnly()).isFalse();
        assertThat(entries.get(2).message()).endsWith(", isolation default, read-write");
    }

    @MatrixTest(only = Engine.SQLITE)
    void transactions_go_to_the_logger_unless_off(TestDatabase db) {
        CapturingLogger logger = new CapturingLogger(Level.DEBUG);
        Fixtures.Sink statements = new Fixtures.Sink();
        try (Executor executor = Fixtures.executor(db, QueryLogOptions.builder().logger(logger).sink(statements).plugin(),
                QueryLogOptions.builder().name("off").transactionLevel(Level.OFF).sink(statements).plugin())) {
            executor.transaction(tx -> tx.dsl().fetch(DSL.selectOne()));
        }
        assertThat(logger.messages).hasSize(2);
        assertThat(logger.messages.getFirst()).matches("DEBUG begin tx \\d+, isolation default, read-write");
        assertThat(logger.messages.getLast()).matches("DEBUG commit tx \\d+ after \\d+\\.\\d{3} ms");
        assertThat(statements.entries).as("one per query log").hasSize(2);
    }
}
