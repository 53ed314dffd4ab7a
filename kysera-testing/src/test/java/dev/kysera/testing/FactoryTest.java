package dev.kysera.testing;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testing.factory.Factory;
import dev.kysera.testing.factory.Overrides;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.PostsRecord;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Factories on every database, through an executor with the timestamps plugin: sequences,
 * overrides, relations (a post creates its author unless given one), build vs create, createMany,
 * Java-record mapping and Datafaker values; everything they created is rolled back with the test.
 */
class FactoryTest {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final LocalDateTime STAMP = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC);

    record User(long id, String email) {}

    static final Factory<UsersRecord> USERS_FACTORY = Factory.of(USERS)
            .sequence(USERS.EMAIL, n -> "user" + n + "@example.com")
            .set(USERS.NAME, "Ada");
    static final Factory<PostsRecord> POSTS_FACTORY = Factory.of(POSTS)
            .sequence(POSTS.TITLE, n -> "post " + n)
            .belongsTo(POSTS.USER_ID, USERS_FACTORY, USERS.ID);

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {
        @TestExecutor
        static Executor executor(dev.kysera.testing.TestDatabase db) {
            return Executor.builder().dataSource(db.dataSource(), db.dialect())
                    .plugin(TimestampsPlugin.of(TimestampsOptions.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()))
                    .build();
        }

        @Order(1)
        @OnAllDatabases
        void createsRowsWithRelationsThroughThePlugins(Executor executor) {
            PostsRecord post = POSTS_FACTORY.create(executor);
            assertThat(post.getId()).isNotNull();
            assertThat(post.getTitle()).startsWith("post ");
            assertThat(post.getCreatedAt()).isEqualTo(STAMP); // the plugin applied, and RETURNING read it back
            UsersRecord author = executor.dsl().selectFrom(USERS).where(USERS.ID.eq(post.getUserId())).fetchOne();
            assertThat(author.getName()).isEqualTo("Ada");
            assertThat(author.getCreatedAt()).isEqualTo(STAMP);

            // Given an author, no other user is created.
            PostsRecord second = POSTS_FACTORY.create(executor, Overrides.of(POSTS.USER_ID, author.getId()).and(POSTS.TITLE, "mine"));
            assertThat(second.getUserId()).isEqualTo(author.getId());
            assertThat(second.getTitle()).isEqualTo("mine");
            assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(1);

            // Sequences make distinct values; createMany saves all of them.
            List<UsersRecord> many = USERS_FACTORY.createMany(executor, 3);
            assertThat(many).extracting(UsersRecord::getEmail).doesNotHaveDuplicates().allMatch(e -> e.endsWith("@example.com"));
            assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(4);

            // Java records through a mapping.
            User user = USERS_FACTORY.as(r -> new User(r.getId(), r.getEmail())).create(executor, Overrides.of(USERS.EMAIL, "rec@x"));
            assertThat(user.email()).isEqualTo("rec@x");
            assertThat(executor.dsl().fetchValue(USERS.EMAIL, USERS.ID.eq(user.id()))).isEqualTo("rec@x");
        }

        @Order(2)
        @OnAllDatabases
        void nothingOfItSurvives(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchCount(USERS)).isZero();
            assertThat(db.dsl().fetchCount(POSTS)).isZero();
        }

        @Order(3)
        @OnAllDatabases
        void buildSavesNothing(Executor executor) {
            PostsRecord post = POSTS_FACTORY.build();
            assertThat(post.getTitle()).startsWith("post ");
            assertThat(post.getUserId()).isNull();
            assertThat(post.getId()).isNull();
            assertThat(executor.dsl().fetchCount(USERS)).isZero();
            assertThat(executor.dsl().fetchCount(POSTS)).isZero();
        }

        @Order(4)
        @OnAllDatabases
        void createManyIsAllOrNothing(Executor executor) {
            Factory<UsersRecord> sameEmail = USERS_FACTORY.set(USERS.EMAIL, "same@x");
            assertThatThrownBy(() -> sameEmail.createMany(executor, 2)).isInstanceOf(UniqueConstraintException.class);
            assertThat(executor.dsl().fetchCount(USERS)).isZero();
        }

        @Order(5)
        @OnAllDatabases
        void rowsOfATableWithoutMetadata(Executor executor) {
            Table<Record> users = DSL.table(DSL.name("users"));
            Field<String> email = DSL.field(DSL.name("email"), SQLDataType.VARCHAR);
            Field<String> name = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
            Record row = Factory.of(users).sequence(email, n -> "row" + n + "@x").set(name, "Row").create(executor);
            assertThat(row.get("email", String.class)).startsWith("row").endsWith("@x");
            assertThat(row.get("name", String.class)).isEqualTo("Row");
            assertThat(Factory.of(users).set(name, "Built").build().get(name)).isEqualTo("Built");
            // Read back what the database and the plugin wrote.
            Field<Long> id = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
            Record read = Factory.of(users).set(email, "read@x").set(name, "Read").returning(id).create(executor);
            assertThat(executor.dsl().fetchValue(DSL.select(email).from(users).where(id.eq(read.get(id))))).isEqualTo("read@x");
            assertThatThrownBy(() -> USERS_FACTORY.returning(USERS.ID)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("\"users\" has column metadata: create(…) reads back every column already");
        }
    }

    @MatrixTest
    void factoriesOnEveryDatabase(TestDatabase outer) {
        Kit.runOn(Fixture.class, Kit.database(outer.engine())).assertStatistics(s -> s.started(5).succeeded(5));
    }

    @Test
    void datafakerValuesAreReproducibleBySeed() {
        Factory<UsersRecord> fake = Factory.of(USERS).fake(USERS.NAME, faker -> faker.name().fullName()).fakerSeed(42);
        String first = fake.build().getName();
        assertThat(first).isNotBlank();
        assertThat(fake.fakerSeed(42).build().getName()).isEqualTo(first);
        assertThat(fake.build().getName()).isNotBlank();
    }

    @Test
    void datafakerIsDetectedOnTheClassPath() {
        assertThat(dev.kysera.testing.internal.FakerSupport.available(FactoryTest.class.getClassLoader())).isTrue();
        // A loader that sees only the JDK: Factory.fake(…) then refuses with IllegalStateException.
        assertThat(dev.kysera.testing.internal.FakerSupport.available(ClassLoader.getPlatformClassLoader())).isFalse();
    }

    @Test
    void sequencesCountRowsAcrossVariants() {
        Factory<UsersRecord> users = Factory.of(USERS).sequence(USERS.EMAIL, n -> "u" + n);
        Factory<UsersRecord> admins = users.set(USERS.STATUS, "active");
        assertThat(users.build().getEmail()).isEqualTo("u1");
        assertThat(admins.build().getEmail()).isEqualTo("u2");
        assertThat(users.build(Overrides.of(USERS.EMAIL, "given")).getEmail()).isEqualTo("given");
    }

    @Test
    void badDefinitionsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Factory.of(USERS).set(POSTS.TITLE, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("\"posts\".\"title\" is not a column of \"users\"");
        assertThatThrownBy(() -> USERS_FACTORY.build(Overrides.of(POSTS.TITLE, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Override \"posts\".\"title\" is not a column of \"users\"");
        assertThatThrownBy(() -> Factory.of(POSTS).belongsTo(POSTS.USER_ID, USERS_FACTORY, POSTS.ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("\"posts\".\"id\" is not a column of \"users\"");
        try (Executor executor = Executor.of(DSL.using(org.jooq.SQLDialect.SQLITE))) {
            assertThatThrownBy(() -> USERS_FACTORY.createMany(executor, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("createMany count must be 0 or more, is -1");
        }
        assertThatThrownBy(() -> Factory.of(null)).isInstanceOf(NullPointerException.class).hasMessage("table");
    }
}
