package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.spring.TransactionApp.ConnectionSettings;
import dev.kysera.spring.TransactionApp.Expected;
import dev.kysera.spring.TransactionApp.Recorder;
import dev.kysera.spring.TransactionApp.Writes;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** One transaction in both directions, in a real Spring Boot application, on SQLite and PostgreSQL. */
class SpringTransactionsTest {

    private static final Map<Engine, ConfigurableApplicationContext> APPS = new ConcurrentHashMap<>();

    static ConfigurableApplicationContext app(TestDatabase db) {
        return APPS.computeIfAbsent(db.engine(), e -> {
            db.useTestSchema();
            return Apps.start(db, TransactionApp.class, WebApplicationType.NONE);
        });
    }

    @AfterAll
    static void close() {
        APPS.values().forEach(ConfigurableApplicationContext::close);
        APPS.clear();
    }

    private static Fixture fixture(TestDatabase db) {
        ConfigurableApplicationContext app = app(db);
        db.deleteAllRows(TestDatabase.TEST_TABLES);
        Fixture fixture = new Fixture(app.getBean(Executor.class), app.getBean(Writes.class), app.getBean("first", Recorder.class),
                app.getBean(JdbcTemplate.class));
        fixture.recorder.events.clear();
        return fixture;
    }

    private record Fixture(Executor executor, Writes writes, Recorder recorder, JdbcTemplate jdbc) {
        List<String> emails() {
            return executor.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.EMAIL).fetch(USERS.EMAIL);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void plugin_beans_are_registered_in_their_order(TestDatabase db) {
        Executor executor = fixture(db).executor();
        assertThat(executor.plugins()).extracting(Plugin::name).containsExactly("first", "second", "guard", "micrometer");
        assertThat(executor.dsl().dialect()).isEqualTo(db.dialect());
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void transactional_rollback_undoes_repository_dal_and_dsl_writes(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().writeEverywhere("a", true)).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(f.emails()).isEmpty();
        assertThat(f.recorder().events).containsExactly("begin 0", "rollback 0");

        f.recorder().events.clear();
        f.writes().writeEverywhere("b", false);
        assertThat(f.emails()).containsExactly("b-dal@example.com", "b-dsl@example.com", "b-repo@example.com");
        assertThat(f.recorder().events).containsExactly("begin 0", "before commit 0", "commit 0");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void rollback_rules_of_transactional_are_honoured(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().writeThenExpected("kept@example.com")).isInstanceOf(Expected.class);
        assertThat(f.emails()).containsExactly("kept@example.com");
        assertThat(f.recorder().events).containsExactly("begin 0", "before commit 0", "commit 0");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_kysera_transaction_inside_transactional_is_a_savepoint(TestDatabase db) {
        Fixture f = fixture(db);
        assertThat(f.writes().outerWithFailedSavepoint("outer@example.com", "inner@example.com")).isEqualTo("inner fails");
        assertThat(f.emails()).containsExactly("outer@example.com");
        assertThat(f.recorder().events).containsExactly("begin 0", "begin 1", "rollback 1", "before commit 0", "commit 0");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void isolation_on_a_nested_kysera_transaction_is_refused(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().isolationInside()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outermost transaction");
        assertThat(f.recorder().events).containsExactly("begin 0", "rollback 0");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void kysera_sees_springs_transaction(TestDatabase db) {
        Fixture f = fixture(db);
        f.writes().attempts().set(0);
        Optional<TransactionHandle> handle = f.writes().handleInside();
        assertThat(handle).isPresent();
        assertThat(handle.get().depth()).isZero();
        assertThat(f.writes().attempts().get()).as("after-commit callback ran").isEqualTo(100);
        assertThat(f.writes().transactionalQuery()).isZero();
        assertThat(f.executor().transaction()).isEmpty();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_kysera_transaction_is_a_spring_transaction(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().jdbcWrite("outside@example.com")).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> f.executor().transaction(tx -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("kysera@example.com", "k").execute();
            f.writes().jdbcWrite("jdbc@example.com");
            // JdbcTemplate reads on the same connection: it sees the uncommitted Kysera row.
            assertThat(f.jdbc().queryForObject("select count(*) from users", Integer.class)).isEqualTo(2);
            throw new IllegalStateException("undo both");
        })).hasMessage("undo both");
        assertThat(f.emails()).isEmpty();

        f.executor().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("kysera@example.com", "k").execute();
            f.writes().jdbcWrite("jdbc@example.com");
        });
        assertThat(f.emails()).containsExactly("jdbc@example.com", "kysera@example.com");
        assertThat(f.recorder().events).containsExactly("begin 0", "rollback 0", "begin 0", "before commit 0", "commit 0");
    }

    @MatrixTest(only = {Engine.POSTGRES})
    void requires_new_suspends_the_adopted_transaction(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().outerThenRequiresNew(f.writes(), "a@example.com", "b@example.com", true))
                .hasMessage("outer fails");
        assertThat(f.emails()).as("only the inner transaction committed").containsExactly("b@example.com");
        assertThat(f.recorder().events).containsExactly("begin 0", "begin 0", "before commit 0", "commit 0", "rollback 0");
        f.writes().outerThenRequiresNew(f.writes(), "c@example.com", "d@example.com", false);
        assertThat(f.emails()).containsExactly("b@example.com", "c@example.com", "c@example.com.after", "d@example.com");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void requires_new_inside_a_kysera_transaction_is_refused_before_anything_is_suspended(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.executor().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("outer@example.com", "outer").execute();
            f.writes().requiresNew("inner@example.com");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("REQUIRES_NEW");
        assertThat(f.emails()).isEmpty();
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
        assertThat(f.executor().transaction()).isEmpty();
        f.writes().requiresNew("later@example.com");
        assertThat(f.emails()).containsExactly("later@example.com");
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void isolation_and_read_only_reach_the_connection(TestDatabase db) {
        Fixture f = fixture(db);
        boolean postgres = db.engine() == Engine.POSTGRES;
        Optional<String> serializable = postgres ? Optional.of("serializable") : Optional.empty();
        ConnectionSettings settings = f.executor().transactionResult(tx -> tx.dsl().connectionResult(c -> TransactionApp.settings(c, postgres)),
                Isolation.SERIALIZABLE, Readonly.READONLY);
        assertThat(settings).isEqualTo(new ConnectionSettings(Connection.TRANSACTION_SERIALIZABLE, true, serializable));
        assertThatThrownBy(() -> f.executor().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .values("ro@example.com", "ro").execute(), Readonly.READONLY)).isInstanceOf(KyseraException.class)
                .hasMessageContaining(postgres ? "read-only" : "READ ONLY");
        assertThat(f.writes().springReadOnlySerializable(postgres))
                .isEqualTo(new ConnectionSettings(Connection.TRANSACTION_SERIALIZABLE, true, serializable));
        // After the transaction the pooled connection is back to the server's defaults.
        ConnectionSettings after = f.executor().dsl().connectionResult(c -> TransactionApp.settings(c, postgres));
        assertThat(after).isEqualTo(postgres
                ? new ConnectionSettings(Connection.TRANSACTION_READ_COMMITTED, false, Optional.of("read committed"))
                : new ConnectionSettings(Connection.TRANSACTION_REPEATABLE_READ, false, Optional.empty()));
        assertThat(f.emails()).isEmpty();
    }

    @MatrixTest(only = {Engine.SQLITE})
    void isolation_sqlite_supports_is_set_and_read_only_is_enforced_with_query_only(TestDatabase db) {
        Fixture f = fixture(db);
        int isolation = f.executor().transactionResult(tx -> tx.dsl().connectionResult(Connection::getTransactionIsolation),
                Isolation.SERIALIZABLE);
        assertThat(isolation).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        // SQLite's driver cannot make an open connection read-only; the transaction runs with PRAGMA query_only instead.
        assertThatThrownBy(() -> f.executor().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .values("ro@example.com", "ro").execute(), Readonly.READONLY)).isInstanceOf(KyseraException.class)
                .hasMessageContaining("readonly");
        int readOnlyCount = f.executor().transactionResult(tx -> tx.dsl().fetchCount(USERS), Readonly.READONLY);
        assertThat(readOnlyCount).isZero();
        // SQLite's JDBC driver accepts READ_COMMITTED and runs it serializable, which is at least as strong.
        int readCommitted = f.executor().transactionResult(tx -> tx.dsl().connectionResult(Connection::getTransactionIsolation),
                Isolation.READ_COMMITTED);
        assertThat(readCommitted).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(f.emails()).isEmpty();
        assertThat(f.recorder().events).containsExactly("begin 0", "before commit 0", "commit 0", "begin 0", "rollback 0",
                "begin 0", "before commit 0", "commit 0", "begin 0", "before commit 0", "commit 0");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void springs_read_only_transactions_refuse_writes(TestDatabase db) {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.writes().readOnlyWrite("ro@example.com")).isInstanceOf(KyseraException.class);
        assertThatThrownBy(() -> f.writes().readOnlyJdbcWrite("jdbc@example.com"))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(f.writes().readOnlyCount()).isZero();
        assertThat(f.emails()).isEmpty();
        // The connection writes again once the read-only transaction is over (the pool hands it out again).
        f.writes().writeEverywhere("after", false);
        assertThat(f.emails()).hasSize(3).allMatch(e -> e.startsWith("after"));
        assertThat(f.executor().dsl().connectionResult(Connection::isReadOnly)).isFalse();
    }
}
