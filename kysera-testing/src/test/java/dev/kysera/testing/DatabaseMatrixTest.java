package dev.kysera.testing;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.kysera.dal.Dal;
import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repositories;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.Events;

/**
 * The public matrix on every database: rollback of everything a test and the code under it wrote,
 * savepoints for the code's own transactions, a committing test's rows kept, every injectable
 * parameter, readable names, the isolated database dropped after the class, and failures (never
 * skips) for databases that are configured but unreachable or cannot be provided.
 */
class DatabaseMatrixTest {

    /** The isolated databases the fixture ran on, to check afterwards that they are gone. */
    static final Map<Database, dev.kysera.testing.TestDatabase> USED = new ConcurrentHashMap<>();
    static final Map<Database, dev.kysera.testing.TestDatabase> NESTED = new ConcurrentHashMap<>();

    static int committedCount(dev.kysera.testing.TestDatabase db) {
        // A connection of its own: it sees only what was committed.
        try (Connection connection = db.newConnection()) {
            return DSL.using(connection, db.dialect()).fetchCount(USERS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {

        @Order(1)
        @OnAllDatabases
        void writesInEveryWay(Executor executor, dev.kysera.testing.TestDatabase db, Database database, DSLContext dsl,
                              Repositories repositories, DbContext ctx) {
            USED.put(database, db);
            assertThat(db.database()).isEqualTo(database);
            assertThat(executor.inTransaction()).isTrue();
            assertThat(dsl.dialect()).isEqualTo(database.dialect());
            dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("direct@x", "n").execute();
            // The code's own transactions are savepoints: one commits into the test's transaction ...
            executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("nested@x", "n").execute());
            // ... one that fails rolls back to its savepoint only.
            assertThatThrownBy(() -> executor.transaction(tx -> {
                tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("refused@x", "n").execute();
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            // A constraint violation in a nested transaction leaves the test's transaction usable (PostgreSQL).
            assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                    .values("direct@x", "n").execute())).isInstanceOf(RuntimeException.class);
            repositories.build(Repository.builder(USERS, USERS.ID)).create(Values.of(USERS.EMAIL, "repository@x").set(USERS.NAME, "n"));
            Dal.withTransaction(ctx, tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("dal@x", "n").execute());

            assertThat(dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.EMAIL).fetch(USERS.EMAIL))
                    .containsExactly("dal@x", "direct@x", "nested@x", "repository@x");
            assertThat(committedCount(db)).isZero();
        }

        @Order(2)
        @OnAllDatabases
        void aLaterTestSeesNothingOfIt(dev.kysera.testing.TestDatabase db) {
            assertThat(committedCount(db)).isZero();
        }

        @Order(3)
        @OnAllDatabases
        void failsAfterWriting(Executor executor) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("failing@x", "n").execute();
            throw new AssertionError("fails on purpose");
        }

        @Order(4)
        @Commit
        @OnAllDatabases
        void commits(Executor executor) {
            assertThat(executor.inTransaction()).isFalse();
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("committed@x", "n").execute();
        }

        @Order(5)
        @OnAllDatabases
        void onlyTheCommittedRowIsLeft(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().select(USERS.EMAIL).from(USERS).fetch(USERS.EMAIL)).containsExactly("committed@x");
        }
    }

    @MatrixTest
    void rollsBackEverythingButCommittedTestsThenDropsTheDatabase(TestDatabase outer) throws Exception {
        Database database = Kit.database(outer.engine());
        Events events = Kit.runOn(Fixture.class, database);

        events.assertStatistics(s -> s.started(5).succeeded(4).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(displayName("[" + database.label() + "] writesInEveryWay(Executor, TestDatabase, Database, DSLContext, Repositories, DbContext)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("[" + database.label() + "] failsAfterWriting(Executor)"),
                        finishedWithFailure(message("fails on purpose"))));
        dev.kysera.testing.TestDatabase used = USED.remove(database);
        assertDropped(used, outer);
    }

    /** The fixture's isolated database no longer exists once its class has ended. */
    private static void assertDropped(dev.kysera.testing.TestDatabase used, TestDatabase outer) throws SQLException {
        switch (used.database()) {
            case SQLITE -> assertThat(Path.of(used.jdbcUrl().substring("jdbc:sqlite:".length(), used.jdbcUrl().indexOf('?')))).doesNotExist();
            case H2 -> assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:mem:" + used.isolationName() + ";IFEXISTS=TRUE").close())
                    .isInstanceOf(SQLException.class);
            case POSTGRES, MARIADB -> {
                // The build's servers are the ones the fixture used (configured through the same variables).
                try (Connection connection = outer.newConnection();
                     ResultSet rows = connection.createStatement().executeQuery(
                             "select count(*) from information_schema.schemata where schema_name = '" + used.isolationName() + "'")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isZero();
                }
            }
        }
    }

    @EngineFixture
    @KyseraTest
    static class DefaultDatabasesFixture {
        @DatabaseTest
        void runs(Database database, dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchValue(DSL.inline(1))).isEqualTo(1);
        }
    }

    @Test
    void withoutAListItRunsOnSqliteH2AndPostgresWithReadableNames() {
        Events events = Kit.run(DefaultDatabasesFixture.class);
        events.assertStatistics(s -> s.started(3).succeeded(3));
        events.assertThatEvents()
                .haveExactly(1, event(displayName("[sqlite] runs(Database, TestDatabase)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("[h2] runs(Database, TestDatabase)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("[postgres] runs(Database, TestDatabase)"), finishedSuccessfully()));
    }

    @EngineFixture
    @KyseraTest
    static class ServerFixture {
        @OnAllDatabases
        void connects(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchValue(DSL.inline(1))).isEqualTo(1);
        }
    }

    @Test
    void aConfiguredButUnreachableDatabaseFailsInsteadOfSkipping() {
        Events events = Kit.runOn(ServerFixture.class, Database.POSTGRES,
                Map.of(Database.POSTGRES.urlParameter(), "jdbc:postgresql://127.0.0.1:1/none?user=nobody&password=secret&connectTimeout=2"));
        events.assertStatistics(s -> s.started(1).failed(1).skipped(0).aborted(0));
        events.assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(DatabaseUnavailableException.class),
                message(m -> m.contains("POSTGRES is configured at jdbc:postgresql://127.0.0.1:1/none?user=nobody&password=***")
                        && m.contains("but unreachable") && !m.contains("secret"))));
    }

    @Test
    void mariaDbWithoutAUrlFailsNamingTheSetting() {
        Events events = Kit.runOn(ServerFixture.class, Database.MARIADB, Map.of());
        assertThat(System.getenv(Database.MARIADB.urlVariable())).isNull();
        events.assertStatistics(s -> s.started(1).failed(1).skipped(0));
        events.assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(DatabaseUnavailableException.class),
                message("MARIADB has no embedded server: set kysera.testing.mariadb.url (JUnit configuration or system property)"
                        + " or KYSERA_TESTING_MARIADB_URL")));
    }

    @Test
    void postgresWithoutAUrlIsEmbedded() {
        assertThat(System.getenv(Database.POSTGRES.urlVariable())).isNull();
        Events events = Kit.runOn(ServerFixture.class, Database.POSTGRES, Map.of());
        events.assertStatistics(s -> s.started(1).succeeded(1));
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NestedFixture {
        @Order(1)
        @DatabaseTest({Database.SQLITE, Database.H2, Database.POSTGRES})
        void outerWrites(Executor executor, dev.kysera.testing.TestDatabase db) {
            NESTED.put(db.database(), db);
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("outer@x", "n").execute();
        }

        @Nested
        class Inner {
            @DatabaseTest({Database.SQLITE, Database.H2, Database.POSTGRES})
            void sharesTheOuterClassesDatabaseAndRollsBack(Executor executor, dev.kysera.testing.TestDatabase db) {
                assertThat(db).isSameAs(NESTED.get(db.database()));
                assertThat(executor.inTransaction()).isTrue();
                executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("inner@x", "n").execute();
                assertThat(committedCount(db)).isZero();
            }
        }
    }

    @Test
    void nestedClassesShareTheDatabaseOfTheirOuterClass() {
        Kit.run(NestedFixture.class).assertStatistics(s -> s.started(6).succeeded(6));
    }

    @EngineFixture
    @KyseraTest
    static class FieldExecutorFixture {
        @TestExecutor
        static Executor executor;

        @DatabaseTest(Database.SQLITE)
        void runs() {
        }
    }

    @EngineFixture
    @KyseraTest
    static class DatabaseExecutorInPlainTestFixture {
        @TestExecutor
        static Executor executor(dev.kysera.testing.TestDatabase db) {
            return Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        }

        @Test
        void runs() {
        }
    }

    @Test
    void executorsThatDoNotFitTheTestKindFailClearly() {
        Kit.run(FieldExecutorFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("is used by a @DatabaseTest: it must be a method taking the TestDatabase"))));
        Kit.run(DatabaseExecutorInPlainTestFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("takes a TestDatabase, so only @DatabaseTest tests can use it"))));
    }

    @Test
    void scriptsSplitAtSemicolonsAtLineEnds() {
        assertThat(dev.kysera.testing.internal.SqlScript.statements("-- c\nCREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b');\n\nINSERT INTO a VALUES ('x');\n"))
                .isEqualTo(List.of("CREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b')", "INSERT INTO a VALUES ('x')"));
    }
}
