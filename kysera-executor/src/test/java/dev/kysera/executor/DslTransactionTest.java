package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.testplugins.TestPlugins;
import dev.kysera.testsupport.ConnectionSource;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * jOOQ's own {@code transaction(…)} called on an executor's context is a transaction of the
 * executor: plugins apply inside, statements of the executor join it, transaction observers and
 * after-commit / after-rollback callbacks run, nested calls are savepoints, and failures arrive typed.
 */
class DslTransactionTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private Executor executor(TestDatabase db) {
        db.useTestSchema();
        return Executor.of(db.dsl(), new TestPlugins.Tenant(false), new TestPlugins.SoftDelete(false), TestPlugins.transactionEvents(events))
                .with(TestPlugins.TENANT, 1);
    }

    private static void insertUser(DSLContext dsl, long id) {
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, "u" + id + "@example.com", "u" + id).execute();
    }

    /** id:tenant of every user, as the database holds them. */
    private static List<String> users(TestDatabase db) {
        return db.dsl().select(USERS.ID, USERS.TENANT_ID).from(USERS).orderBy(USERS.ID).fetch(r -> r.value1() + ":" + r.value2());
    }

    @MatrixTest
    void it_commits_with_plugins_observers_callbacks_and_statements_of_the_executor_joining(TestDatabase db) {
        Executor executor = executor(db);
        executor.dsl().transaction(c -> {
            insertUser(c.dsl(), 1);
            // the executor itself, used inside the block, joins the transaction
            assertThat(executor.inTransaction()).isTrue();
            insertUser(executor.dsl(), 2);
            assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(2);
            executor.transaction().orElseThrow().afterCommit(() -> events.add("after-commit callback"));
            executor.transaction().orElseThrow().afterRollback(() -> events.add("after-rollback callback"));
            events.add("block");
        });
        assertThat(events).containsExactly("begin 0", "block", "before commit 0", "commit 0", "after-commit callback");
        assertThat(users(db)).containsExactly("1:1", "2:1");
        assertThat(executor.inTransaction()).isFalse();
    }

    @MatrixTest
    void the_readme_example_commits_and_runs_its_callback(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());
        List<String> committed = new ArrayList<>();
        executor.dsl().transaction(c -> {
            c.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@example.com", "a").execute();
            executor.transaction().orElseThrow().afterCommit(() -> committed.add("a@example.com"));
        });
        assertThat(committed).containsExactly("a@example.com");
        assertThat(db.dsl().select(USERS.EMAIL).from(USERS).fetch(USERS.EMAIL)).containsExactly("a@example.com");
    }

    @Test
    void the_readme_shows_this_code() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), "jOOQ's own API works too",
                Path.of("src/test/java/dev/kysera/executor/DslTransactionTest.java"))).as("README lines not in this test").isEmpty();
    }

    @MatrixTest
    void a_failing_block_rolls_back_and_the_block_configuration_is_unusable_afterwards(TestDatabase db) {
        Executor executor = executor(db);
        Configuration[] inside = new Configuration[1];
        assertThatThrownBy(() -> executor.dsl().transaction(c -> {
            inside[0] = c;
            insertUser(c.dsl(), 1);
            executor.transaction().orElseThrow().afterRollback(() -> events.add("after-rollback callback"));
            throw new IllegalStateException("boom");
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(events).containsExactly("begin 0", "rollback 0: boom", "after-rollback callback");
        assertThat(users(db)).isEmpty();
        assertThatThrownBy(() -> inside[0].dsl().fetchCount(USERS)).isExactlyInstanceOf(TransactionEndedException.class);
    }

    @MatrixTest
    void nested_calls_are_savepoints_of_the_same_transaction(TestDatabase db) {
        Executor executor = executor(db);
        executor.dsl().transaction(c -> {
            insertUser(c.dsl(), 1);
            assertThatThrownBy(() -> c.dsl().transaction(inner -> {
                insertUser(inner.dsl(), 2);
                throw new IllegalStateException("inner");
            })).hasMessage("inner");
            // executor.transaction(…) inside jOOQ's transaction is a savepoint too, and vice versa
            executor.transaction(tx -> tx.dsl().transaction(inner -> insertUser(inner.dsl(), 3)));
        });
        assertThat(events).containsExactly("begin 0", "begin 1", "rollback 1: inner", "begin 1", "begin 2", "before commit 2",
                "commit 2", "before commit 1", "commit 1", "before commit 0", "commit 0");
        assertThat(users(db)).containsExactly("1:1", "3:1");
    }

    @MatrixTest
    void isolation_on_a_nested_call_is_refused_not_dropped(TestDatabase db) {
        Executor executor = executor(db);
        assertThatThrownBy(() -> executor.dsl().transaction(c -> {
            insertUser(c.dsl(), 1);
            c.dsl().transactionResult(inner -> 1, Isolation.SERIALIZABLE);
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("outermost");
        assertThat(users(db)).isEmpty();
    }

    @MatrixTest
    void a_statement_failure_inside_arrives_typed_and_rolls_back(TestDatabase db) {
        Executor executor = executor(db);
        assertThatThrownBy(() -> executor.dsl().transaction(c -> {
            insertUser(c.dsl(), 1);
            insertUser(c.dsl(), 1);
        })).isInstanceOf(UniqueConstraintException.class);
        assertThat(users(db)).isEmpty();
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_commit_that_fails_arrives_typed(TestDatabase db) {
        Executor executor = executor(db);
        db.dsl().execute("create table deferred_unique (id int, constraint deferred_unique_id unique (id) deferrable initially deferred)");
        assertThatThrownBy(() -> executor.dsl().transaction(c -> {
            c.dsl().execute("insert into deferred_unique values (1)");
            c.dsl().execute("insert into deferred_unique values (1)");
        })).isInstanceOf(UniqueConstraintException.class);
        assertThat(events).hasSize(3).startsWith("begin 0", "before commit 0");
        assertThat(events.get(2)).startsWith("rollback 0: ");
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("deferred_unique")))).isZero();
    }

    @MatrixTest
    void a_connection_that_cannot_be_had_at_begin_arrives_typed_and_transient(TestDatabase db) {
        Executor executor = Executor.builder().dataSource(new RefusingDataSource(), db.dialect()).build();
        assertThatThrownBy(() -> executor.dsl().transaction(c -> { }))
                .isInstanceOf(TransientDatabaseException.class)
                .satisfies(e -> assertThat(((KyseraException) e).isTransient()).isTrue());
    }

    /** A data source whose database is down. */
    private static final class RefusingDataSource extends ConnectionSource {
        @Override
        protected Connection connect() throws SQLException {
            throw new SQLTransientConnectionException("Connection refused", "08001");
        }
    }
}
