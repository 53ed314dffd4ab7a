package dev.kysera.testing.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kysera.executor.Executor;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.Migrator;
import dev.kysera.testing.Cleaning;
import dev.kysera.testing.Commit;
import dev.kysera.testing.DatabaseTest;
import dev.kysera.testing.KyseraTest;
import dev.kysera.testing.SchemaSetup;
import dev.kysera.testing.Seed;
import dev.kysera.testing.TestDatabase;
import dev.kysera.testing.TestExecutor;
import dev.kysera.testing.TestSchema;
import dev.kysera.testing.factory.Factory;
import dev.kysera.testing.factory.Overrides;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.LocalDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

@KyseraTest
@TestSchema(setup = BlogExampleTest.Migrations.class)
@Seed(sql = "blog/authors.sql")
class BlogExampleTest {

    // Your generated jOOQ classes work the same; these keep the example self-contained.
    static final Table<Record> USERS = table(name("users"));
    static final Field<Long> USER_ID = field(name("id"), SQLDataType.BIGINT);
    static final Field<String> EMAIL = field(name("email"), SQLDataType.VARCHAR);
    static final Table<Record> POSTS = table(name("posts"));
    static final Field<Long> POST_ID = field(name("id"), SQLDataType.BIGINT);
    static final Field<Long> AUTHOR = field(name("user_id"), SQLDataType.BIGINT);
    static final Field<String> TITLE = field(name("title"), SQLDataType.VARCHAR);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), SQLDataType.LOCALDATETIME);

    /** Each test class's isolated database gets its schema from kysera-migrations (or scripts, or jOOQ DDL). */
    public static final class Migrations implements SchemaSetup {
        @Override
        public void create(TestDatabase db) {
            Migration blog = Migration.irreversible("1", "blog", ctx -> {
                ctx.dsl().createTable("users").column("id", SQLDataType.BIGINT.identity(true))
                        .column("email", SQLDataType.VARCHAR(200).notNull()).column("created_at", SQLDataType.LOCALDATETIME)
                        .primaryKey("id").execute();
                ctx.dsl().createTable("posts").column("id", SQLDataType.BIGINT.identity(true))
                        .column("user_id", SQLDataType.BIGINT.notNull()).column("title", SQLDataType.VARCHAR(200).notNull())
                        .column("created_at", SQLDataType.LOCALDATETIME)
                        .primaryKey("id").constraint(org.jooq.impl.DSL.foreignKey("user_id").references("users", "id")).execute();
            });
            Migrator.create(MigrationConfig.builder().dataSource(db.dataSource()).dialect(db.dialect()).migrations(blog).build()).up();
        }
    }

    /** One executor per database, with the application's plugins; the extension closes it. */
    @TestExecutor
    static Executor executor(TestDatabase db) {
        return Executor.builder().dataSource(db.dataSource(), db.dialect())
                .plugin(TimestampsPlugin.of(TimestampsOptions.builder().tables("users", "posts").withoutUpdatedColumn().build()))
                .build();
    }

    static final Factory<Record> AUTHORS = Factory.of(USERS).sequence(EMAIL, n -> "author" + n + "@example.com");
    static final Factory<Record> POSTS_BY_ANYONE = Factory.of(POSTS)
            .sequence(TITLE, n -> "post " + n)
            .belongsTo(AUTHOR, AUTHORS, USER_ID)    // a post creates its author unless given one
            .returning(POST_ID, CREATED_AT);        // read back what the database and plugins wrote

    /** The code under test: it only knows the executor, and opens its own transaction. */
    record Blog(Executor executor) {
        long publish(long author, String title) {
            return executor.transactionResult(tx -> tx.dsl().insertInto(POSTS).set(AUTHOR, author).set(TITLE, title)
                    .returningResult(POST_ID).fetchOne().value1());
        }

        int posts() {
            return executor.dsl().fetchCount(POSTS);
        }
    }

    @DatabaseTest   // [sqlite], [h2] and [postgres]: embedded, or the server at kysera.testing.postgres.url
    void publishesAPost(Executor executor) {
        long ada = executor.dsl().select(USER_ID).from(USERS).where(EMAIL.eq("ada@example.com")).fetchSingle(USER_ID); // seeded
        new Blog(executor).publish(ada, "hello");      // its transaction is a savepoint of the test's
        assertThat(new Blog(executor).posts()).isEqualTo(1);
    }                                                  // rolled back here: the next test starts with the seed only

    @DatabaseTest
    void postsCreateTheirAuthors(Executor executor) {
        Record post = POSTS_BY_ANYONE.create(executor);            // INSERTs an author, then the post
        assertThat(post.get(CREATED_AT)).isNotNull();              // through the executor: the plugin stamped it
        assertThat(post.get(POST_ID)).isPositive();
        Record ada = AUTHORS.build(Overrides.of(EMAIL, "x@example.com")); // build: not saved
        assertThat(POSTS_BY_ANYONE.createMany(executor, 2)).hasSize(2);
        assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(1 + 3);   // the seeded author and three created ones
        assertThat(ada.get(EMAIL)).isEqualTo("x@example.com");
    }

    @DatabaseTest
    @Commit(clean = Cleaning.TRUNCATE, keep = "kysera_schema_history")   // commits; every other table is emptied after
    void runsOutsideAnyTransaction(Executor executor) {
        assertThat(executor.inTransaction()).isFalse();
        assertThat(new Blog(executor).posts()).isZero();
    }
}
