package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.executor.CorpusData.BOB;
import static dev.kysera.executor.CorpusData.CAROL;
import static dev.kysera.executor.CorpusData.DAVE;
import static dev.kysera.executor.testplugins.TestPlugins.STAMP;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.kysera.core.error.KyseraException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.daos.UsersDao;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * UPDATE, DELETE, INSERT and upsert shapes, DAO and UpdatableRecord, batches: on every database,
 * the statement touches exactly the rows the plugins allow and carries the plugins' values.
 */
class WriteCorpusTest {

    private static Executor executor(TestDatabase db, boolean softDeleteAsUpdate) {
        CorpusData.seed(db);
        return Executor.of(db.dsl(), new TestPlugins.Tenant(false), new TestPlugins.SoftDelete(softDeleteAsUpdate),
                new TestPlugins.Stamps()).with(TestPlugins.TENANT, 1);
    }

    private static Record userRow(TestDatabase db, long id) {
        return db.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).fetchOne();
    }

    @MatrixTest
    void update_touches_only_visible_rows_and_sets_updated_at(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        int updated = dsl.update(USERS).set(USERS.STATUS, "suspended").execute();
        assertThat(updated).isEqualTo(3);
        assertThat(userRow(db, ALICE).get(USERS.UPDATED_AT)).isEqualTo(STAMP);
        assertThat(userRow(db, BOB).get(USERS.STATUS)).isEqualTo("active");
        assertThat(userRow(db, CAROL).get(USERS.STATUS)).isEqualTo("active");
    }

    @MatrixTest
    void an_explicit_value_wins_over_a_plugin_value(TestDatabase db) {
        LocalDateTime mine = LocalDateTime.of(2020, 5, 5, 5, 5, 5);
        executor(db, false).dsl().update(USERS).set(USERS.UPDATED_AT, mine).where(USERS.ID.eq(ALICE)).execute();
        assertThat(userRow(db, ALICE).get(USERS.UPDATED_AT)).isEqualTo(mine);
    }

    @MatrixTest(except = Engine.H2) // H2 has no UPDATE … FROM
    void update_from_filters_the_from_table_too(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        // Rename users after one of their visible posts: bob's p5 is visible but bob is not; p2 is hidden.
        int updated = dsl.update(USERS).set(USERS.NAME, POSTS.TITLE).from(POSTS).where(POSTS.USER_ID.eq(USERS.ID)).execute();
        assertThat(updated).isEqualTo(2);
        assertThat(db.dsl().select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME))
                .containsExactly("p1", "bob", "carol", "p4", "eve");
    }

    @MatrixTest
    void delete_touches_only_visible_rows(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        assertThat(dsl.deleteFrom(POSTS).where(POSTS.TITLE.in("p2", "p3", "p4")).execute()).isEqualTo(1);
        assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(4);
    }

    @MatrixTest(except = Engine.H2) // H2 has no DELETE … USING
    void delete_using_filters_the_using_table(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        // posts of visible users: p1, p2(hidden itself), p4 → p1 and p4 go; p5 stays (bob is hidden).
        int deleted = dsl.deleteFrom(POSTS).using(USERS).where(POSTS.USER_ID.eq(USERS.ID)).execute();
        assertThat(deleted).isEqualTo(2);
        assertThat(db.dsl().select(POSTS.TITLE).from(POSTS).orderBy(POSTS.TITLE).fetch(POSTS.TITLE)).containsExactly("p2", "p3", "p5");
    }

    @MatrixTest
    void delete_becomes_an_update_when_a_plugin_asks(TestDatabase db) {
        DSLContext dsl = executor(db, true).dsl();
        assertThat(dsl.deleteFrom(USERS).where(USERS.ID.in(ALICE, CAROL)).execute()).isEqualTo(1);
        Record alice = userRow(db, ALICE);
        assertThat(alice.get(USERS.DELETED_AT)).isEqualTo(STAMP);
        assertThat(alice.get(USERS.UPDATED_AT)).isEqualTo(STAMP);
        assertThat(userRow(db, CAROL).get(USERS.DELETED_AT)).isNull();
        assertThat(dsl.fetchCount(USERS)).isEqualTo(2);
    }

    @MatrixTest
    void multi_row_insert_gets_plugin_values_on_every_row(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(11L, "x@example.com", "x").values(12L, "y@example.com", "y").execute();
        for (long id : new long[] {11L, 12L}) {
            Record row = userRow(db, id);
            assertThat(row.get(USERS.TENANT_ID)).isEqualTo(1);
            assertThat(row.get(USERS.CREATED_AT)).isEqualTo(STAMP);
        }
    }

    @MatrixTest
    void insert_returning_reads_back_a_row_the_plugins_would_hide(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        var stored = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
                .values(61L, "archived@example.com", "archived", STAMP).returningResult(USERS.ID, USERS.TENANT_ID).fetchOne();
        assertThat(stored).isNotNull();
        assertThat(stored.value1()).isEqualTo(61L);
        assertThat(stored.value2()).isEqualTo(1);
    }

    @MatrixTest
    void insert_of_a_foreign_tenant_is_rejected_before_anything_is_written(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        assertThatThrownBy(() -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                .values(11L, "x@example.com", "x", 1).values(12L, "y@example.com", "y", 2).execute())
                .isInstanceOf(KyseraException.class).hasMessageContaining("tenant 2");
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(5);
    }

    @MatrixTest
    void insert_select_adds_plugin_values_to_the_selected_rows(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        // Copies visible users as new users with a prefixed e-mail.
        int inserted = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .select(select(USERS.ID.plus(100L), inline("copy-").concat(USERS.EMAIL), USERS.NAME).from(USERS))
                .execute();
        assertThat(inserted).isEqualTo(3);
        assertThat(db.dsl().selectFrom(USERS).where(USERS.ID.gt(1100L)).fetch())
                .allSatisfy(row -> {
                    assertThat(row.getTenantId()).isEqualTo(1);
                    assertThat(row.getCreatedAt()).isEqualTo(STAMP);
                });
    }

    @MatrixTest(except = Engine.MARIADB)
    void upsert_update_part_is_filtered_and_stamped(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        // Carol (tenant 2) already has this e-mail: the update part must not touch her row.
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(21L, "carol@example.com", "intruder")
                .onConflict(USERS.EMAIL).doUpdate().set(USERS.NAME, "intruder").execute();
        assertThat(userRow(db, CAROL).get(USERS.NAME)).isEqualTo("carol");
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(22L, "alice@example.com", "alice2")
                .onConflict(USERS.EMAIL).doUpdate().set(USERS.NAME, "alice2").execute();
        assertThat(userRow(db, ALICE).get(USERS.NAME)).isEqualTo("alice2");
        assertThat(userRow(db, ALICE).get(USERS.UPDATED_AT)).isEqualTo(STAMP);
    }

    @MatrixTest(only = Engine.MARIADB)
    void upsert_that_cannot_be_filtered_is_refused(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        assertThatThrownBy(() -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(21L, "carol@example.com", "intruder")
                .onDuplicateKeyUpdate().set(USERS.NAME, "intruder").execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("ON DUPLICATE KEY UPDATE");
        assertThat(userRow(db, CAROL).get(USERS.NAME)).isEqualTo("carol");
    }

    @MatrixTest
    void upsert_without_filtering_plugins_runs_with_values(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.Stamps()).dsl();
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(21L, "carol@example.com", "carol2")
                .onDuplicateKeyUpdate().set(USERS.NAME, "carol2").execute();
        assertThat(userRow(db, CAROL).get(USERS.NAME)).isEqualTo("carol2");
        assertThat(userRow(db, CAROL).get(USERS.UPDATED_AT)).isEqualTo(STAMP);
    }

    @MatrixTest
    void merge_into_a_filtered_table_is_refused(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        assertThatThrownBy(() -> dsl.mergeInto(USERS).using(select(inline(ALICE).as("id")).asTable("s"))
                .on(USERS.ID.eq(field(name("s", "id"), Long.class))).whenMatchedThenUpdate().set(USERS.NAME, "x").execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("MERGE");
        assertThat(userRow(db, ALICE).get(USERS.NAME)).isEqualTo("alice");
    }

    @MatrixTest
    void updatable_records_and_daos_go_through_the_plugins(TestDatabase db) {
        Executor executor = executor(db, true);
        DSLContext dsl = executor.dsl();
        UsersRecord created = dsl.newRecord(USERS);
        created.setEmail("new@example.com");
        created.setName("new");
        created.store();
        assertThat(created.getId()).isNotNull();
        UsersRecord stored = db.dsl().selectFrom(USERS).where(USERS.EMAIL.eq("new@example.com")).fetchOne();
        assertThat(stored.getTenantId()).isEqualTo(1);
        assertThat(stored.getCreatedAt()).isEqualTo(STAMP);

        UsersDao dao = new UsersDao(dsl.configuration());
        assertThat(dao.findAll()).extracting(u -> u.getName()).containsExactlyInAnyOrder("alice", "dave", "eve", "new");
        assertThat(dao.findById(CAROL)).isNull();
        assertThat(dao.existsById(BOB)).isFalse();

        UsersRecord alice = dsl.fetchOne(USERS, USERS.ID.eq(ALICE));
        alice.setName("alicia");
        alice.store();
        assertThat(userRow(db, ALICE).get(USERS.UPDATED_AT)).isEqualTo(STAMP);
        alice.refresh();
        assertThat(alice.getName()).isEqualTo("alicia");
        alice.delete();
        assertThat(userRow(db, ALICE).get(USERS.DELETED_AT)).isEqualTo(STAMP);
    }

    @MatrixTest
    void batches_apply_the_plugins_to_every_statement(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        dsl.batch(
                dsl.update(USERS).set(USERS.STATUS, "closed").where(USERS.ID.eq(CAROL)),
                dsl.update(USERS).set(USERS.STATUS, "closed").where(USERS.ID.eq(DAVE)),
                dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(31L, "b@example.com", "b")).execute();
        assertThat(userRow(db, CAROL).get(USERS.STATUS)).isEqualTo("active");
        assertThat(userRow(db, DAVE).get(USERS.STATUS)).isEqualTo("closed");
        assertThat(userRow(db, 31L).get(USERS.TENANT_ID)).isEqualTo(1);

        dsl.batch(dsl.update(USERS).set(USERS.STATUS, (String) null).where(USERS.ID.eq((Long) null)))
                .bind("suspended", CAROL).bind("suspended", ALICE).execute();
        assertThat(userRow(db, CAROL).get(USERS.STATUS)).isEqualTo("active");
        assertThat(userRow(db, ALICE).get(USERS.STATUS)).isEqualTo("suspended");
    }

    @MatrixTest
    void plain_sql_statements_are_parsed_and_rewritten(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        assertThat(dsl.fetch("select name from users where id > ? order by name", 0).getValues(0, String.class))
                .containsExactly("alice", "dave", "eve");
        assertThat(dsl.execute("update users set status = 'closed'")).isEqualTo(3);
        assertThat(userRow(db, CAROL).get(USERS.STATUS)).isEqualTo("active");
    }

    @MatrixTest
    void unparseable_plain_sql_is_refused_by_a_fail_closed_plugin_and_run_otherwise(TestDatabase db) {
        CorpusData.seed(db);
        String vendorSql = "select name from users where name = ? ~~ )(";
        Executor failClosed = Executor.of(db.dsl(), new TestPlugins.Tenant(true)).with(TestPlugins.TENANT, 1);
        assertThatThrownBy(() -> failClosed.dsl().fetch(vendorSql, "alice"))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("could not be parsed");
        Executor failOpen = Executor.of(db.dsl(), new TestPlugins.SoftDelete(false));
        assertThatThrownBy(() -> failOpen.dsl().fetch(vendorSql, "alice"))
                .isNotInstanceOf(UnsupportedStatementException.class); // reaches the database, which rejects it
    }

    @MatrixTest
    void opaque_plain_sql_tables_are_refused_by_fail_closed_plugins(TestDatabase db) {
        CorpusData.seed(db);
        Executor failClosed = Executor.of(db.dsl(), new TestPlugins.Tenant(true)).with(TestPlugins.TENANT, 1);
        assertThatThrownBy(() -> failClosed.dsl().select(field(name("name"))).from(table("users as u")).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("plain-SQL table");
    }

    @MatrixTest
    void kept_statements_are_refused_on_reuse(TestDatabase db) {
        Executor executor = executor(db, false);
        try (var query = executor.dsl().selectFrom(USERS).keepStatement(true)) {
            assertThat(query.fetch()).hasSize(3);
            assertThatThrownBy(query::fetch).isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("keepStatement");
        }
    }

    @MatrixTest
    void bypassing_one_plugin_keeps_the_others(TestDatabase db) {
        Executor executor = executor(db, false);
        assertThat(executor.withoutPlugin("soft-delete").dsl().fetchCount(USERS)).isEqualTo(4);
        assertThat(executor.withoutPlugins().dsl().fetchCount(USERS)).isEqualTo(5);
        assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(3);
        assertThatThrownBy(() -> executor.withoutPlugin("nope")).isInstanceOf(PluginConfigurationException.class);
    }

    @MatrixTest
    void plain_sql_update_values_use_the_right_types(TestDatabase db) {
        DSLContext dsl = executor(db, false).dsl();
        dsl.update(table(name("users"))).set(field(name("name"), SQLDataType.VARCHAR), "z")
                .where(field(name("id"), SQLDataType.BIGINT).eq(DAVE)).execute();
        assertThat(userRow(db, DAVE).get(USERS.UPDATED_AT)).isEqualTo(STAMP);
    }
}
