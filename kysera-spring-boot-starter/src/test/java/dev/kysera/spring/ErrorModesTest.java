package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.spring.TransactionApp.Writes;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/** Both error models, chosen by {@code kysera.errors}, each keeping the other reachable. */
class ErrorModesTest {

    private static final Map<String, ConfigurableApplicationContext> APPS = new ConcurrentHashMap<>();

    private static Executor executor(TestDatabase db, String mode) {
        return app(db, mode).getBean(Executor.class);
    }

    private static ConfigurableApplicationContext app(TestDatabase db, String mode) {
        return APPS.computeIfAbsent(db.engine() + mode, key -> {
            db.useTestSchema();
            return Apps.start(db, TransactionApp.class, WebApplicationType.NONE, "kysera.errors=" + mode);
        });
    }

    @AfterAll
    static void close() {
        APPS.values().forEach(ConfigurableApplicationContext::close);
        APPS.clear();
    }

    private static void insert(Executor executor, String email) {
        executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "x").execute();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void kysera_mode_raises_typed_kysera_errors(TestDatabase db) {
        Executor executor = executor(db, "kysera");
        db.deleteAllRows(TestDatabase.TEST_TABLES);
        insert(executor, "dup@example.com");
        Throwable error = catchThrowable(() -> insert(executor, "dup@example.com"));
        assertThat(error).isInstanceOf(UniqueConstraintException.class);
        assertThat(((UniqueConstraintException) error).isTransient()).isFalse();
        // The same inside a Kysera transaction, which Spring's transaction manager runs.
        assertThatThrownBy(() -> executor.transaction(tx -> insert(tx, "dup@example.com"))).isInstanceOf(UniqueConstraintException.class);
        assertThat(executor.dsl().fetchCount(USERS)).isOne();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void spring_mode_raises_spring_errors_with_the_kysera_error_as_cause(TestDatabase db) {
        Executor executor = executor(db, "spring");
        db.deleteAllRows(TestDatabase.TEST_TABLES);
        insert(executor, "dup@example.com");
        Throwable error = catchThrowable(() -> insert(executor, "dup@example.com"));
        assertThat(error).isInstanceOf(DuplicateKeyException.class).hasCauseInstanceOf(UniqueConstraintException.class);
        assertThat(((UniqueConstraintException) error.getCause()).isTransient()).isFalse();
        assertThatThrownBy(() -> executor.transaction(tx -> insert(tx, "dup@example.com"))).isInstanceOf(DuplicateKeyException.class);
        // A handler written for Spring's hierarchy catches it.
        String handled;
        try {
            app(db, "spring").getBean(Writes.class).writeEverywhere("dup", false);
            app(db, "spring").getBean(Writes.class).writeEverywhere("dup", false);
            handled = "not thrown";
        } catch (DuplicateKeyException e) {
            handled = "duplicate";
        }
        assertThat(handled).isEqualTo("duplicate");
        assertThat(executor.dsl().fetchCount(USERS)).as("the failed @Transactional call rolled back").isEqualTo(4);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_plugins_refusal_in_each_mode(TestDatabase db) {
        Executor kysera = executor(db, "kysera");
        Executor spring = executor(db, "spring");
        assertThatThrownBy(() -> kysera.dsl().insertInto(TAGS, TAGS.NAME).values("t").execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> spring.dsl().insertInto(TAGS, TAGS.NAME).values("t").execute())
                .isInstanceOf(PermissionDeniedDataAccessException.class).hasCauseInstanceOf(AccessDeniedException.class);
        assertThat(db.dsl().fetchCount(TAGS)).isZero();
    }

    @MatrixTest(only = Engine.POSTGRES)
    void spring_mode_transient_errors_are_retried_by_retryable(TestDatabase db) throws SQLException {
        ConfigurableApplicationContext app = app(db, "spring");
        Executor executor = app.getBean(Executor.class);
        Writes writes = app.getBean(Writes.class);
        db.deleteAllRows(TestDatabase.TEST_TABLES);
        insert(executor, "locked@example.com");
        writes.attempts().set(0);
        AtomicInteger calls = new AtomicInteger();
        try (Connection blocker = db.newConnection()) {
            lock(blocker);
            int attempts = writes.retried(() -> {
                if (calls.incrementAndGet() == 1) {
                    try {
                        lockedRead(executor);
                    } finally {
                        release(blocker);
                    }
                }
                lockedRead(executor);
            });
            assertThat(attempts).isEqualTo(2);
        }
        // Without a retry the first failure is Spring's transient lock failure, Kysera's error behind it.
        try (Connection blocker = db.newConnection()) {
            lock(blocker);
            Throwable error = catchThrowable(() -> executor.transaction(tx -> lockedRead(tx)));
            assertThat(error).isInstanceOf(CannotAcquireLockException.class).isInstanceOf(TransientDataAccessException.class)
                    .hasCauseInstanceOf(TransientDatabaseException.class);
            assertThat(((TransientDatabaseException) error.getCause()).kind()).isEqualTo(TransientDatabaseException.Kind.LOCK_TIMEOUT);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_violation_found_at_commit_has_the_model_of_each_mode(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("create table if not exists deferred_codes (code int, constraint deferred_codes_uk unique (code) "
                + "deferrable initially deferred)");
        for (String mode : new String[] {"kysera", "spring"}) {
            Executor executor = executor(db, mode);
            Throwable error = catchThrowable(() -> executor.transaction(tx -> {
                tx.dsl().execute("insert into deferred_codes values (1)");
                tx.dsl().execute("insert into deferred_codes values (1)");
            }));
            if (mode.equals("kysera")) {
                assertThat(error).isInstanceOf(UniqueConstraintException.class);
            } else {
                assertThat(error).isInstanceOf(DuplicateKeyException.class).hasCauseInstanceOf(UniqueConstraintException.class);
            }
            assertThat(db.dsl().fetchCount(DSL.table("deferred_codes"))).isZero();
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void kysera_mode_transient_errors_say_so(TestDatabase db) throws SQLException {
        Executor executor = executor(db, "kysera");
        db.deleteAllRows(TestDatabase.TEST_TABLES);
        insert(executor, "locked@example.com");
        try (Connection blocker = db.newConnection()) {
            lock(blocker);
            Throwable error = catchThrowable(() -> executor.transaction(tx -> lockedRead(tx)));
            assertThat(error).isInstanceOf(TransientDatabaseException.class);
            assertThat(((TransientDatabaseException) error).isTransient()).isTrue();
            assertThat(((TransientDatabaseException) error).kind()).isEqualTo(TransientDatabaseException.Kind.LOCK_TIMEOUT);
        }
    }

    private static void lock(Connection blocker) throws SQLException {
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            statement.execute("select id from users where email = 'locked@example.com' for update");
        }
    }

    private static void release(Connection blocker) {
        try {
            blocker.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lockedRead(Executor executor) {
        executor.dsl().selectFrom(USERS).where(USERS.EMAIL.eq("locked@example.com")).forUpdate().noWait().fetch();
    }
}
