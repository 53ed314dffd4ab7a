package dev.kysera.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.core.error.TransientDatabaseException.Kind;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real deadlocks, serialization failures, lock timeouts, busy databases, cancellations and lost connections. */
class TransientErrorMatrixTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    private static void exec(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String update(String key) {
        return "update settings set setting_value = 'x' where setting_key = '" + key + "'";
    }

    private static void twoSettings(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("insert into settings (setting_key, setting_value) values ('a', '0')");
        db.dsl().execute("insert into settings (setting_key, setting_value) values ('b', '0')");
    }

    /** Bounds every lock wait, so a missed deadlock fails the test instead of hanging it. */
    private static void boundLockWaits(Engine engine, Connection connection, int seconds) throws SQLException {
        switch (engine) {
            case POSTGRES -> exec(connection, "set lock_timeout = '" + seconds + "s'");
            case MARIADB -> exec(connection, "set session innodb_lock_wait_timeout = " + seconds);
            case H2 -> exec(connection, "set lock_timeout " + seconds * 1000);
            case SQLITE -> exec(connection, "pragma busy_timeout = " + seconds * 1000);
        }
    }

    /** Runs the statement; on failure rolls back (releasing locks) and returns the failure. */
    private static SQLException attempt(Connection connection, String sql) throws SQLException {
        try {
            exec(connection, sql);
            return null;
        } catch (SQLException e) {
            connection.rollback();
            return e;
        }
    }

    private TransientDatabaseException translatedTransient(Throwable failure, TestDatabase db, Kind kind) {
        KyseraException translated = translator.translate(failure, db.dialect());
        assertThat(translated).isInstanceOf(TransientDatabaseException.class).hasCause(failure);
        TransientDatabaseException transientError = (TransientDatabaseException) translated;
        assertThat(transientError.kind()).isEqualTo(kind);
        assertThat(transientError.isTransient()).isTrue();
        assertThat(transientError.code()).isEqualTo("TRANSIENT_DATABASE_ERROR");
        assertThat(transientError.getMessage()).startsWith(kind.name() + ": ");
        return transientError;
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void locking_two_rows_in_opposite_order_is_a_deadlock(TestDatabase db) throws Exception {
        twoSettings(db);
        try (Connection first = db.newConnection(); Connection second = db.newConnection();
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (Connection c : new Connection[] {first, second}) {
                c.setAutoCommit(false);
                boundLockWaits(db.engine(), c, 20);
            }
            exec(first, update("a"));
            exec(second, update("b"));

            Future<SQLException> firstResult = threads.submit(() -> attempt(first, update("b")));
            Future<SQLException> secondResult = threads.submit(() -> attempt(second, update("a")));
            SQLException firstFailure = firstResult.get(30, TimeUnit.SECONDS);
            SQLException secondFailure = secondResult.get(30, TimeUnit.SECONDS);
            first.rollback();
            second.rollback();

            assertThat(firstFailure == null ^ secondFailure == null)
                    .as("exactly one side is the deadlock victim: %s / %s", firstFailure, secondFailure).isTrue();
            SQLException victim = firstFailure != null ? firstFailure : secondFailure;
            TransientDatabaseException deadlock = translatedTransient(victim, db, Kind.DEADLOCK);
            if (db.engine() == Engine.POSTGRES) {
                assertThat(deadlock.sqlState()).contains("40P01");
            } else {
                assertThat(deadlock.vendorCode()).isEqualTo(1213);
                assertThat(deadlock.sqlState()).contains("40001");
            }
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_concurrent_update_under_repeatable_read_is_a_serialization_failure(TestDatabase db) throws Exception {
        twoSettings(db);
        try (Connection reader = db.newConnection(); Connection writer = db.newConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("select * from settings")) {
                assertThat(rs.next()).isTrue(); // takes the snapshot
            }
            exec(writer, update("a")); // autocommit: committed after the reader's snapshot

            SQLException failure = attempt(reader, update("a"));

            assertThat((Throwable) failure).isNotNull();
            TransientDatabaseException serialization = translatedTransient(failure, db, Kind.SERIALIZATION_FAILURE);
            assertThat(serialization.sqlState()).contains("40001");
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_write_skew_under_serializable_is_a_serialization_failure(TestDatabase db) throws Exception {
        twoSettings(db);
        try (Connection first = db.newConnection(); Connection second = db.newConnection()) {
            for (Connection c : new Connection[] {first, second}) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                exec(c, "select count(*) from settings where setting_value = '0'");
            }
            exec(first, update("a"));
            exec(second, update("b"));
            first.commit();

            Throwable failure = catchThrowable(second::commit);

            assertThat(failure).isInstanceOf(SQLException.class);
            translatedTransient(failure, db, Kind.SERIALIZATION_FAILURE);
            second.rollback();
        }
    }

    @MatrixTest(except = Engine.SQLITE)
    void waiting_too_long_for_a_row_lock_is_a_lock_timeout(TestDatabase db) throws Exception {
        twoSettings(db);
        try (Connection holder = db.newConnection(); Connection waiter = db.newConnection()) {
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            exec(holder, update("a"));
            switch (db.engine()) {
                case POSTGRES -> exec(waiter, "set lock_timeout = '200ms'");
                default -> boundLockWaits(db.engine(), waiter, 1);
            }

            SQLException failure = attempt(waiter, update("a"));
            holder.rollback();

            assertThat((Throwable) failure).isNotNull();
            TransientDatabaseException timeout = translatedTransient(failure, db, Kind.LOCK_TIMEOUT);
            switch (db.engine()) {
                case POSTGRES -> assertThat(timeout.sqlState()).contains("55P03");
                case MARIADB -> assertThat(timeout.vendorCode()).isEqualTo(1205);
                case H2 -> assertThat(timeout.vendorCode()).isEqualTo(50200);
                case SQLITE -> throw new AssertionError("excluded");
            }
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void writing_while_another_connection_holds_the_write_lock_is_busy(TestDatabase db) throws Exception {
        twoSettings(db);
        try (Connection holder = db.newConnection(); Connection writer = db.newConnection()) {
            exec(holder, "begin immediate");
            exec(holder, update("a"));
            exec(writer, "pragma busy_timeout = 100");

            Throwable failure = catchThrowable(() -> exec(writer, update("b")));
            exec(holder, "rollback");

            assertThat(failure).isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure).getErrorCode()).as("xerial reports the primary code").isEqualTo(5);
            TransientDatabaseException busy = translatedTransient(failure, db, Kind.DATABASE_BUSY);
            assertThat(busy.vendorCode()).isEqualTo(5);
            // the translator recognises xerial without being told the dialect, too
            assertThat(translator.translate(failure)).isInstanceOf(TransientDatabaseException.class);
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB, Engine.H2})
    void a_statement_timeout_is_a_cancellation_not_a_transient_error(TestDatabase db) throws Exception {
        try (Connection connection = db.newConnection()) {
            String slow = switch (db.engine()) {
                case POSTGRES -> {
                    exec(connection, "set statement_timeout = '100ms'");
                    yield "select pg_sleep(5)";
                }
                case MARIADB -> "set statement max_statement_time = 0.1 for select sleep(5)";
                case H2 -> {
                    exec(connection, "set query_timeout 100");
                    yield "select max(rand()) from system_range(1, 100000) a, system_range(1, 100000) b";
                }
                case SQLITE -> throw new AssertionError("excluded");
            };

            Throwable failure = catchThrowable(() -> exec(connection, slow));

            assertThat(failure).isInstanceOf(SQLException.class);
            KyseraException translated = translator.translate(failure, db.dialect());
            assertThat(translated).isInstanceOf(QueryCancelledException.class);
            assertThat(translated.code()).isEqualTo("QUERY_CANCELLED");
            assertThat(translated.isTransient()).isFalse();
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_killed_session_is_a_lost_connection(TestDatabase db) throws Exception {
        try (Connection victim = db.newConnection(); Connection admin = db.newConnection()) {
            long id;
            String idQuery = db.engine() == Engine.POSTGRES ? "select pg_backend_pid()" : "select connection_id()";
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery(idQuery)) {
                rs.next();
                id = rs.getLong(1);
            }
            exec(admin, db.engine() == Engine.POSTGRES ? "select pg_terminate_backend(" + id + ")" : "kill " + id);

            Throwable failure = catchThrowable(() -> exec(victim, "select 1"));

            assertThat(failure).isInstanceOf(SQLException.class);
            TransientDatabaseException lost = translatedTransient(failure, db, Kind.CONNECTION_LOST);
            assertThat(lost.sqlState()).hasValueSatisfying(s -> assertThat(s).matches("08...|57P01"));
        }
    }
}
