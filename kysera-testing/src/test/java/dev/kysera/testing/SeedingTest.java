package dev.kysera.testing;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.testing.seed.SeedResult;
import dev.kysera.testing.seed.Seeder;
import dev.kysera.testing.seed.Seeding;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Seeding from SQL files and Java seeders, ordered by dependencies and idempotent, on every
 * database: {@code @Seed} data is rolled back with each test, committed (once) by {@code @Commit} tests.
 */
class SeedingTest {

    /** A Java seeder that needs the users of the SQL file. */
    public static final class PostsSeeder implements Seeder {
        @Override
        public List<String> dependsOn() {
            return List.of("seed/users.sql");
        }

        @Override
        public void seed(Executor executor) {
            long ada = executor.dsl().select(USERS.ID).from(USERS).where(USERS.EMAIL.eq("ada@example.com")).fetchSingle(USERS.ID);
            executor.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(ada, "hello").execute();
        }
    }

    @EngineFixture
    @KyseraTest
    @TestSchema(scripts = "dev/kysera/testsupport/schema/{database}.sql")
    @Seed(value = PostsSeeder.class, sql = "seed/users.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {
        @Order(1)
        @OnAllDatabases
        void seededInTheTestsTransaction(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(executor.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.EMAIL).fetch(USERS.EMAIL))
                    .containsExactly("ada@example.com", "grace@example.com");
            assertThat(executor.dsl().fetchValue(POSTS.TITLE)).isEqualTo("hello");
            assertThat(db.dsl().fetchCount(USERS)).isZero(); // not committed
        }

        @Order(2)
        @OnAllDatabases
        void seededAgainAfterTheRollback(Executor executor) {
            assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(2);
            assertThat(executor.dsl().fetchCount(POSTS)).isEqualTo(1);
        }

        @Order(3)
        @Commit
        @OnAllDatabases
        void committedByACommittingTest(Executor executor) {
            assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(2);
        }

        @Order(4)
        @Commit
        @OnAllDatabases
        void notAppliedTwice(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
            assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(1);
            SeedResult again = Seeding.of(Seeder.sql("seed/users.sql"), new PostsSeeder()).apply(executor);
            assertThat(again.applied()).isEmpty();
            assertThat(again.skipped()).containsExactly("seed/users.sql", PostsSeeder.class.getName());
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
        }
    }

    @MatrixTest
    void seedsOnEveryDatabase(TestDatabase outer) {
        Kit.runOn(Fixture.class, Kit.database(outer.engine())).assertStatistics(s -> s.started(4).succeeded(4));
    }

    @Test
    void seedersRunAfterTheirDependencies() {
        Seeder posts = Seeder.of("posts", executor -> { }, "users");
        Seeder users = Seeder.of("users", executor -> { });
        Seeder tags = Seeder.of("tags", executor -> { });
        assertThat(Seeding.of(posts, tags, users).seeders()).extracting(Seeder::name).containsExactly("users", "posts", "tags");
    }

    @Test
    void badSeedingsAreRefusedNamingTheSeeder() {
        assertThatThrownBy(() -> Seeding.of(Seeder.of("posts", e -> { }, "users")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Seeder 'posts' depends on 'users', which is not among the seeders [posts]");
        assertThatThrownBy(() -> Seeding.of(Seeder.of("a", e -> { }, "b"), Seeder.of("b", e -> { }, "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Seeders depend on each other in a cycle: [a, b] -> a");
        assertThatThrownBy(() -> Seeding.of(Seeder.of("a", e -> { }), Seeder.of("a", e -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Two seeders are named 'a'");
        assertThatThrownBy(() -> Seeder.sql(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SQL seed resource must not be blank: ' '");
    }

    @MatrixTest
    void aFailingSeederRecordsNothing(TestDatabase db) {
        db.useTestSchema();
        try (Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).build()) {
            Seeding seeding = Seeding.of(Seeder.sql("seed/users.sql"), Seeder.of("broken", e -> {
                throw new IllegalStateException("broken seeder");
            }, "seed/users.sql"));
            assertThatThrownBy(() -> seeding.apply(executor)).hasMessage("broken seeder");
            assertThat(db.dsl().fetchCount(USERS)).isZero();
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table(Seeding.HISTORY_TABLE))).isZero();
            SeedResult first = Seeding.of(Seeder.sql("seed/users.sql")).apply(executor);
            assertThat(first.applied()).containsExactly("seed/users.sql");
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
        } finally {
            db.dsl().dropTableIfExists(Seeding.HISTORY_TABLE).execute();
        }
    }
}
