package dev.kysera.testing;

import static dev.kysera.testsupport.schema.Tables.CATEGORIES;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What {@code @Commit(clean = …)} leaves behind on every database: TRUNCATE empties every table
 * but the kept ones and restarts identities, DELETE empties them children first and identities go
 * on, RECREATE_SCHEMA drops what the test created and sets the schema up again.
 */
class CleaningTest {

    /** Writes a row into every table of the test schema, parents before children (self reference included). */
    static long writeEverywhere(DSLContext dsl) {
        long user = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("u@x", "u").returning(USERS.ID).fetchOne(USERS.ID);
        long post = dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(user, "t").returning(POSTS.ID).fetchOne(POSTS.ID);
        long tag = dsl.insertInto(TAGS, TAGS.NAME).values("tag").returning(TAGS.ID).fetchOne(TAGS.ID);
        dsl.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(post, tag).execute();
        long parent = dsl.insertInto(CATEGORIES, CATEGORIES.NAME).values("parent").returning(CATEGORIES.ID).fetchOne(CATEGORIES.ID);
        dsl.insertInto(CATEGORIES, CATEGORIES.PARENT_ID, CATEGORIES.NAME).values(parent, "child").execute();
        dsl.insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("kept", "yes").execute();
        return user;
    }

    static List<Integer> counts(DSLContext dsl) {
        return List.of(dsl.fetchCount(USERS), dsl.fetchCount(POSTS), dsl.fetchCount(TAGS), dsl.fetchCount(POST_TAGS),
                dsl.fetchCount(CATEGORIES), dsl.fetchCount(SETTINGS));
    }

    static long insertUser(Executor executor) {
        return executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("next@x", "n").returning(USERS.ID).fetchOne(USERS.ID);
    }

    /** TRUNCATE after one committing test, then DELETE after another, on the same isolated database. */
    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TruncateThenDeleteFixture {
        @Order(1)
        @Commit(clean = Cleaning.TRUNCATE, keep = "settings")
        @OnAllDatabases
        void writesThenIsTruncated(Executor executor) {
            writeEverywhere(executor.dsl());
        }

        @Order(2)
        @OnAllDatabases
        void everyTableButTheKeptOneIsEmptyAndIdentitiesRestart(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(counts(db.dsl())).containsExactly(0, 0, 0, 0, 0, 1);
            assertThat(insertUser(executor)).isEqualTo(1L);
        }

        @Order(3)
        @Commit(clean = Cleaning.DELETE, keep = "settings")
        @OnAllDatabases
        void writesThenIsDeleted(Executor executor, dev.kysera.testing.TestDatabase db) {
            db.dsl().deleteFrom(SETTINGS).execute();
            writeEverywhere(executor.dsl());
        }

        @Order(4)
        @OnAllDatabases
        void everyTableButTheKeptOneIsEmptyAndIdentitiesGoOn(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(counts(db.dsl())).containsExactly(0, 0, 0, 0, 0, 1);
            assertThat(insertUser(executor)).isGreaterThan(1L);
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RecreateFixture {
        @Order(1)
        @Commit(clean = Cleaning.RECREATE_SCHEMA)
        @OnAllDatabases
        void writesAndCreatesATable(Executor executor) {
            writeEverywhere(executor.dsl());
            executor.dsl().createTable("extra").column("id", SQLDataType.INTEGER).execute();
        }

        @Order(2)
        @OnAllDatabases
        void theSchemaIsAsTheScriptsMadeIt(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(SchemaTools.of(db.dsl()).tableExists("extra")).isFalse();
            assertThat(counts(db.dsl())).containsExactly(0, 0, 0, 0, 0, 0);
            assertThat(insertUser(executor)).isEqualTo(1L);
        }
    }

    @MatrixTest
    void eachStrategyCleansOnEveryDatabase(TestDatabase outer) {
        Database database = Kit.database(outer.engine());
        Kit.runOn(TruncateThenDeleteFixture.class, database).assertStatistics(s -> s.started(4).succeeded(4));
        Kit.runOn(RecreateFixture.class, database).assertStatistics(s -> s.started(2).succeeded(2));
    }

    /** Hands the executor of the current matrix run to the fixtures without a matrix of their own. */
    static Executor current;

    @EngineFixture
    @KyseraTest
    @Commit(clean = Cleaning.DELETE, keep = "settings")
    static class OwnExecutorFixture {
        @TestExecutor
        static Executor executor() {
            return current;
        }

        @Test
        void writes(Executor executor) {
            writeEverywhere(executor.dsl());
        }
    }

    @MatrixTest
    void aTestExecutorOfTheUsersOwnIsCleanedToo(TestDatabase db) {
        db.useTestSchema();
        current = Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        try {
            Kit.run(OwnExecutorFixture.class).assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(counts(db.dsl())).containsExactly(0, 0, 0, 0, 0, 1);
        } finally {
            current.close();
            current = null;
            db.deleteAllRows(List.of("settings"));
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    static class KeptChildFixture {
        @Commit(clean = Cleaning.DELETE, keep = "posts")
        @DatabaseTest(Database.SQLITE)
        void writes(Executor executor) {
            writeEverywhere(executor.dsl());
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    static class KeptChildTruncateFixture {
        @Commit(clean = Cleaning.TRUNCATE, keep = "posts")
        @DatabaseTest(Database.SQLITE)
        void writes(Executor executor) {
            writeEverywhere(executor.dsl());
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    static class KeepWithoutCleaningFixture {
        @Commit(keep = "settings")
        @DatabaseTest(Database.SQLITE)
        void writes() {
        }
    }

    @EngineFixture
    @KyseraTest
    @Commit(clean = Cleaning.RECREATE_SCHEMA)
    static class RecreateWithoutMatrixFixture {
        @TestExecutor
        static Executor executor() {
            return current;
        }

        @Test
        void writes() {
        }
    }

    @Test
    void cleaningThatCannotWorkFailsTheTestNamingWhy() {
        String keptChild = "Cannot empty table 'users' while keeping 'posts', which references it; exclude 'users' too, or stop excluding 'posts'";
        // DELETE and TRUNCATE refuse the same mistake with the same type and words.
        Kit.run(KeptChildFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(BadRequestException.class),
                message(keptChild)));
        Kit.run(KeptChildTruncateFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(BadRequestException.class),
                message(keptChild)));
        Kit.run(KeepWithoutCleaningFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("@Commit(keep = [settings]) needs clean = TRUNCATE or DELETE, is NONE")));
        current = Executor.of(org.jooq.impl.DSL.using(org.jooq.SQLDialect.SQLITE));
        try {
            Kit.run(RecreateWithoutMatrixFixture.class).assertThatEvents().haveExactly(1, finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class), message(m -> m.startsWith("@Commit(clean = RECREATE_SCHEMA) needs a @DatabaseTest"))));
        } finally {
            current.close();
            current = null;
        }
    }
}
