package dev.kysera.testing.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Emptying tables restarts identities and honours foreign keys on every database (moved here from kysera-core). */
class SchemaCleanerTruncateTest {

    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> EMAIL = DSL.field(DSL.name("email"), String.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);

    private static Table<?> table(String name) {
        return DSL.table(DSL.name(name));
    }

    private static long addUser(DSLContext dsl, String email) {
        dsl.insertInto(table("users")).columns(EMAIL, NAME).values(email, "U").execute();
        return dsl.select(ID).from(table("users")).where(EMAIL.eq(email)).fetchOne(ID);
    }

    private static long addPost(DSLContext dsl, long userId, String title) {
        dsl.insertInto(table("posts")).columns(DSL.field(DSL.name("user_id"), Long.class), DSL.field(DSL.name("title"), String.class))
                .values(userId, title).execute();
        return dsl.select(ID).from(table("posts")).where(DSL.field(DSL.name("title"), String.class).eq(title)).fetchOne(ID);
    }

    private static long addTag(DSLContext dsl, String name) {
        dsl.insertInto(table("tags")).columns(NAME).values(name).execute();
        return dsl.select(ID).from(table("tags")).where(NAME.eq(name)).fetchOne(ID);
    }

    /** Users, posts, a tag on a post, a category tree and a setting. */
    private static void seed(DSLContext dsl) {
        long first = addUser(dsl, "a@example.com");
        addUser(dsl, "b@example.com");
        long post = addPost(dsl, first, "hello");
        long tag = addTag(dsl, "news");
        dsl.insertInto(table("post_tags")).columns(DSL.field(DSL.name("post_id"), Long.class), DSL.field(DSL.name("tag_id"), Long.class))
                .values(post, tag).execute();
        dsl.insertInto(table("categories")).columns(NAME).values("root").execute();
        long root = dsl.select(ID).from(table("categories")).fetchOne(ID);
        dsl.insertInto(table("categories")).columns(NAME, DSL.field(DSL.name("parent_id"), Long.class)).values("child", root).execute();
        dsl.insertInto(table("settings")).columns(DSL.field(DSL.name("setting_key")), DSL.field(DSL.name("setting_value")))
                .values("theme", "dark").execute();
    }

    /**
     * The shared tables, empty. {@code TestDatabase.useTestSchema()} empties tables with one DELETE
     * each, which MariaDB rejects for the self-referencing categories rows these tests insert, so
     * SchemaCleaner empties them first (its job anyway).
     */
    private static DSLContext fresh(TestDatabase db) {
        SchemaCleaner.of(db.dsl()).cleanAll();
        return db.useTestSchema().dsl();
    }

    private static int count(DSLContext dsl, String name) {
        return dsl.fetchCount(table(name));
    }

    @MatrixTest
    void truncating_a_parent_empties_its_children_and_restarts_identities(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        addUser(dsl, "c@example.com");
        addUser(dsl, "d@example.com");
        assertThat(dsl.select(DSL.max(ID)).from(table("users")).fetchOne(0, Long.class)).isGreaterThan(2L);

        Truncation result = SchemaCleaner.of(dsl).truncate("users");

        assertThat(result.emptied()).containsExactly("post_tags", "posts", "users");
        assertThat(result.missing()).isEmpty();
        assertThat(count(dsl, "users")).isZero();
        assertThat(count(dsl, "posts")).isZero();
        assertThat(count(dsl, "post_tags")).isZero();
        assertThat(count(dsl, "tags")).as("tags is referenced, not referencing").isEqualTo(1);
        assertThat(count(dsl, "categories")).isEqualTo(2);
        assertThat(addUser(dsl, "again@example.com")).as("next user id").isEqualTo(1L);
        assertThat(addPost(dsl, 1L, "again")).as("next post id").isEqualTo(1L);
        // foreign keys are still enforced afterwards
        assertThatThrownBy(() -> addPost(dsl, 999L, "orphan")).isInstanceOf(DataAccessException.class);
    }

    @MatrixTest
    void a_self_referencing_table_is_emptied_and_restarts(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        Truncation result = SchemaCleaner.of(dsl).truncate("categories");
        assertThat(result.emptied()).containsExactly("categories");
        assertThat(count(dsl, "categories")).isZero();
        dsl.insertInto(table("categories")).columns(NAME).values("first").execute();
        assertThat(dsl.select(ID).from(table("categories")).fetchOne(ID)).isEqualTo(1L);
    }

    @MatrixTest
    void missing_tables_are_reported_not_thrown(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        Truncation result = SchemaCleaner.of(dsl).truncate("no_such_table");
        assertThat(result.emptied()).isEmpty();
        assertThat(result.missing()).containsExactly("no_such_table");
        assertThat(count(dsl, "users")).isEqualTo(2);

        Truncation mixed = SchemaCleaner.of(dsl).truncate("settings", "no_such_table");
        assertThat(mixed.emptied()).containsExactly("settings");
        assertThat(mixed.missing()).containsExactly("no_such_table");
    }

    @MatrixTest
    void clean_all_keeps_only_the_excluded_tables(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        Truncation result = SchemaCleaner.of(dsl).cleanAll("settings", "no_such_table");
        assertThat(result.emptied()).containsExactlyInAnyOrder("users", "posts", "tags", "post_tags", "categories", "accounts");
        assertThat(result.missing()).containsExactly("no_such_table");
        for (String name : List.of("users", "posts", "tags", "post_tags", "categories", "accounts")) {
            assertThat(count(dsl, name)).as(name).isZero();
        }
        assertThat(count(dsl, "settings")).isEqualTo(1);
        assertThat(addTag(dsl, "fresh")).isEqualTo(1L);
    }

    @MatrixTest
    void clean_all_refuses_to_orphan_an_excluded_child_and_changes_nothing(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        assertThatThrownBy(() -> SchemaCleaner.of(dsl).cleanAll("posts"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'posts'");
        assertThat(count(dsl, "users")).isEqualTo(2);
        assertThat(count(dsl, "settings")).isEqualTo(1);
    }

    @MatrixTest
    void invalid_names_are_refused_before_any_sql(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        List<String> statements = new CopyOnWriteArrayList<>();
        DSLContext counting = dsl.configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        }).dsl();
        SchemaCleaner cleaner = SchemaCleaner.of(counting);
        assertThatThrownBy(() -> cleaner.truncate("a b")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cleaner.truncate("users", "users; DROP TABLE users")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cleaner.cleanAll("x' OR 1=1")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cleaner.inSchema("bad-schema")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cleaner.createSchema("bad schema")).isInstanceOf(BadRequestException.class);
        assertThat(statements).as("statements run").isEmpty();
        assertThat(count(dsl, "users")).isEqualTo(2);
    }

    @MatrixTest(only = Engine.MARIADB)
    void mariadb_foreign_key_checks_are_back_on_on_the_same_connection(TestDatabase db) throws Exception {
        fresh(db);
        try (Connection connection = db.newConnection()) {
            DSLContext one = DSL.using(connection, db.dialect());
            seed(one);
            assertThat(SchemaCleaner.of(one).truncate("users").emptied()).contains("users", "posts");
            assertThat(one.resultQuery("select @@foreign_key_checks").fetchOne(0, Integer.class)).isEqualTo(1);
            assertThat(count(one, "posts")).isZero();
        }
    }

    @MatrixTest(only = Engine.MARIADB)
    void mariadb_foreign_key_checks_are_restored_when_a_truncate_fails(TestDatabase db) throws Exception {
        fresh(db);
        try (Connection connection = db.newConnection()) {
            DSLContext failing = DSL.using(connection, db.dialect()).configuration().derive(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    if (ctx.sql().startsWith("truncate") && ctx.sql().contains("`posts`")) {
                        throw new IllegalStateException("injected failure");
                    }
                }
            }).dsl();
            seed(failing);
            assertThatThrownBy(() -> SchemaCleaner.of(failing).truncate("users")).hasMessageContaining("injected failure");
            assertThat(failing.resultQuery("select @@foreign_key_checks").fetchOne(0, Integer.class)).isEqualTo(1);
        }
    }

    @MatrixTest(only = Engine.MARIADB)
    void mariadb_runs_the_whole_truncation_on_one_pooled_connection(TestDatabase db) throws Exception {
        fresh(db);
        List<Object> physical = new CopyOnWriteArrayList<>();
        List<String> sql = new CopyOnWriteArrayList<>();
        DSLContext pooled = db.dsl().configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                try {
                    physical.add(ctx.connection().unwrap(org.mariadb.jdbc.Connection.class));
                    sql.add(ctx.sql());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }).dsl();
        seed(db.dsl());
        SchemaCleaner.of(pooled).truncate("users");
        int first = sql.indexOf("select @@foreign_key_checks");
        assertThat(first).isNotNegative();
        List<String> session = sql.subList(first, sql.size());
        assertThat(session.get(1)).isEqualTo("set foreign_key_checks = 0");
        assertThat(session.get(session.size() - 1)).isEqualTo("set foreign_key_checks = 1");
        Map<Object, Boolean> distinct = new IdentityHashMap<>();
        physical.subList(first, physical.size()).forEach(c -> distinct.put(c, true));
        assertThat(distinct).as("physical connections used").hasSize(1);
        assertThat(Set.copyOf(session.subList(2, session.size() - 1)))
                .containsExactlyInAnyOrder("truncate table `" + db.isolationName() + "`.`post_tags`",
                        "truncate table `" + db.isolationName() + "`.`posts`",
                        "truncate table `" + db.isolationName() + "`.`users`");
    }

    @MatrixTest(only = Engine.H2)
    void h2_referential_integrity_is_back_on_after_truncating(TestDatabase db) {
        DSLContext dsl = fresh(db);
        seed(dsl);
        SchemaCleaner.of(dsl).truncate("tags");
        assertThat(count(dsl, "post_tags")).isZero();
        assertThatThrownBy(() -> dsl.insertInto(table("post_tags"))
                .columns(DSL.field(DSL.name("post_id"), Long.class), DSL.field(DSL.name("tag_id"), Long.class))
                .values(12345L, 67890L).execute()).isInstanceOf(DataAccessException.class);
    }
}
