package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.executor.CorpusData.CAROL;
import static dev.kysera.executor.CorpusData.EVE;
import static dev.kysera.executor.testplugins.TestPlugins.STAMP;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.SQLDataType;

/**
 * Statements an attacker (or a careless caller) would use to get past a strict fail-closed tenant
 * plugin running with soft delete, and legitimate forms that must keep working. Reads assert the
 * exact rows; writes assert the whole table before and after.
 */
class BypassCorpusTest {

    private TestPlugins.Tenant tenant;

    private DSLContext strict(TestDatabase db) {
        return strictExecutor(db).dsl();
    }

    private Executor strictExecutor(TestDatabase db) {
        CorpusData.seed(db);
        tenant = new TestPlugins.Tenant(true, Set.of());
        return Executor.of(db.dsl(), tenant, new TestPlugins.SoftDelete(false)).with(TestPlugins.TENANT, 1);
    }

    private static Result<Record> users(TestDatabase db) {
        return db.dsl().select().from(USERS).orderBy(USERS.ID).fetch();
    }

    private static List<String> names(List<? extends Record> rows) {
        return rows.stream().map(r -> r.get(USERS.NAME)).toList();
    }

    // ------------------------------------------------------------------ 1. plain-SQL fragments

    @MatrixTest
    void plain_sql_fragments_inside_dsl_statements_are_refused(TestDatabase db) {
        DSLContext dsl = strict(db);
        assertThatThrownBy(() -> dsl.select(USERS.NAME, field("(select count(*) from posts)")).from(USERS).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("plain-SQL fragment");
        assertThatThrownBy(() -> dsl.selectFrom(USERS).where(condition("exists (select 1 from posts)")).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("plain-SQL fragment");
        // Fragments that cannot read rows (jOOQ writes count(*) and constants this way too) are accepted.
        assertThat(names(dsl.selectFrom(USERS).where(condition("1 = 1")).orderBy(USERS.ID).fetch())).containsExactly("alice", "dave", "eve");
    }

    @MatrixTest
    void a_plain_sql_condition_with_or_stays_grouped_under_a_filter(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.Tenant(false)).with(TestPlugins.TENANT, 1).dsl();
        var rows = dsl.selectFrom(USERS).where(condition("tenant_id = 2 or tenant_id = 1")).orderBy(USERS.ID).fetch();
        assertThat(names(rows)).containsExactly("alice", "bob", "dave", "eve");
    }

    // ------------------------------------------------------------------ 2. unmodelled statement kinds

    @MatrixTest
    void truncate_and_unmodelled_parsed_statements_are_refused_and_change_nothing(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        assertThatThrownBy(() -> dsl.truncate(USERS).execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("fail-closed");
        assertThatThrownBy(() -> dsl.execute("truncate table users"))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("fail-closed");
        assertThat(users(db)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ 3. MERGE

    @MatrixTest
    void merge_is_refused_with_its_using_source_never_read(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        assertThatThrownBy(() -> dsl.mergeInto(USERS).using(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .whenMatchedThenUpdate().set(USERS.NAME, POSTS.TITLE).execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("MERGE");
        assertThat(users(db)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ 4. CTE names

    @MatrixTest(except = Engine.SQLITE) // SQLite rejects the self-reference as circular
    void a_non_recursive_cte_body_that_names_its_own_cte_reads_the_filtered_table(TestDatabase db) {
        DSLContext dsl = strict(db);
        var rows = dsl.with("users").as(select(USERS.ID, USERS.NAME).from(USERS))
                .select(field(name("users", "name"), String.class)).from(table(name("users")))
                .orderBy(field(name("users", "id"))).fetch();
        assertThat(rows.map(r -> r.value1())).containsExactly("alice", "dave", "eve");
    }

    @MatrixTest(except = {Engine.MARIADB, Engine.H2}) // neither has WITH before DELETE
    void the_target_of_a_delete_is_the_table_even_when_a_cte_has_its_name(TestDatabase db) {
        int deleted = strict(db).with("posts").as(select(inline(1).as("x"))).delete(POSTS).execute();
        assertThat(deleted).isEqualTo(3);
        assertThat(db.dsl().select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("p2", "p3");
    }

    // ------------------------------------------------------------------ 5. row-valued and subquery SET

    @MatrixTest
    void a_row_valued_set_that_moves_a_row_to_another_tenant_is_refused(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        assertThatThrownBy(() -> dsl.update(USERS).set(row(USERS.TENANT_ID, USERS.NAME), row(val(2), val("moved")))
                .where(USERS.ID.eq(ALICE)).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant 2");
        assertThatThrownBy(() -> dsl.update(USERS).set(row(USERS.TENANT_ID, USERS.NAME), select(inline(2), inline("moved")))
                .where(USERS.ID.eq(ALICE)).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant_id written as");
        assertThat(users(db)).isEqualTo(before);
    }

    @MatrixTest
    void a_subquery_value_for_the_tenant_is_enforced_in_sql(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        int moved = dsl.update(USERS).set(USERS.TENANT_ID, select(inline(2))).where(USERS.ID.eq(ALICE)).execute();
        assertThat(moved).isZero();
        assertThat(users(db)).isEqualTo(before);
        int kept = dsl.update(USERS).set(USERS.TENANT_ID, select(inline(1))).where(USERS.ID.eq(ALICE)).execute();
        assertThat(kept).isEqualTo(1);
    }

    // ------------------------------------------------------------------ 6. inline derived tables

    @MatrixTest
    void an_inline_derived_table_is_filtered(TestDatabase db) {
        DSLContext dsl = strict(db);
        var rows = dsl.selectFrom(USERS.where(USERS.NAME.ne("nobody"))).orderBy(USERS.ID).fetch();
        assertThat(names(rows)).containsExactly("alice", "dave", "eve");
    }

    @MatrixTest
    void aliased_derived_tables_and_insert_select_are_filtered_not_refused(TestDatabase db) {
        DSLContext dsl = strict(db);
        var derived = select(USERS.ID, USERS.NAME).from(USERS).asTable("d");
        assertThat(dsl.select(derived.field(USERS.NAME)).from(derived).orderBy(derived.field(USERS.ID)).fetch(derived.field(USERS.NAME)))
                .containsExactly("alice", "dave", "eve");
        int copied = dsl.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE)
                .select(select(USERS.ID.plus(5000L), USERS.ID, USERS.NAME).from(USERS)).execute();
        assertThat(copied).isEqualTo(3);
        assertThat(db.dsl().select(POSTS.TITLE, POSTS.TENANT_ID).from(POSTS).where(POSTS.ID.gt(5000L)).orderBy(POSTS.ID)
                .fetch().map(r -> r.value1() + ":" + r.value2())).containsExactly("alice:1", "dave:1", "eve:1");
    }

    // ------------------------------------------------------------------ 7. upserts with RETURNING (SQLite: no read-back emulation)

    @MatrixTest
    void an_upsert_that_inserts_nothing_returns_nothing(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        // On SQLite jOOQ's emulation (a read-back of last_insert_rowid()) would return the seed's last row here.
        var returned = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(ALICE, "a@x", "a")
                .onConflictDoNothing().returning(USERS.ID).fetch();
        assertThat(returned).isEmpty();
        assertThat(users(db)).isEqualTo(before);
    }

    private static List<String> idNameTenantDeleted(Result<?> rows) {
        return rows.map(r -> r.get(USERS.ID) + ":" + r.get(USERS.NAME) + ":" + r.get(USERS.TENANT_ID) + ":"
                + (r.indexOf(USERS.DELETED_AT) >= 0 && r.get(USERS.DELETED_AT) != null ? "deleted" : "live"));
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES}) // MariaDB cannot filter an upsert's update part; H2 emulates it with MERGE
    void an_upsert_with_returning_returns_exactly_the_row_it_inserted_or_updated_never_another_tenants(TestDatabase db) {
        DSLContext dsl = strict(db);
        assertThat(idNameTenantDeleted(users(db))).containsExactly("1001:alice:1:live", "1002:bob:1:deleted", "1003:carol:2:live",
                "1004:dave:1:live", "1005:eve:1:live");

        var inserted = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1006L, "frank@x", "frank")
                .onConflict(USERS.ID).doUpdate().set(USERS.NAME, "frank2")
                .returning(USERS.ID, USERS.NAME, USERS.TENANT_ID).fetch();
        var updated = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(ALICE, "alice@x", "alice")
                .onConflict(USERS.ID).doUpdate().set(USERS.NAME, "alice2")
                .returning(USERS.ID, USERS.NAME, USERS.TENANT_ID).fetch();
        // carol is tenant 2's: the update part is filtered to tenant 1, so it writes nothing and returns nothing —
        // neither carol nor frank, this connection's last insert.
        var foreign = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(CAROL, "carol@x", "carol")
                .onConflict(USERS.ID).doUpdate().set(USERS.NAME, "stolen")
                .returning(USERS.ID, USERS.NAME, USERS.TENANT_ID).fetch();

        assertThat(idNameTenantDeleted(inserted)).containsExactly("1006:frank:1:live");
        assertThat(idNameTenantDeleted(updated)).containsExactly("1001:alice2:1:live");
        assertThat(foreign).isEmpty();
        assertThat(idNameTenantDeleted(users(db))).containsExactly("1001:alice2:1:live", "1002:bob:1:deleted", "1003:carol:2:live",
                "1004:dave:1:live", "1005:eve:1:live", "1006:frank:1:live");
    }

    // ------------------------------------------------------------------ 8. bind batches

    @MatrixTest
    void a_bind_batch_row_for_another_tenant_is_refused_and_nothing_is_written(TestDatabase db) {
        DSLContext dsl = strict(db);
        Result<Record> before = users(db);
        var insert = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values((Long) null, null, null, null);
        assertThatThrownBy(() -> dsl.batch(insert).bind(11L, "k@x", "k", 1).bind(12L, "m@x", "m", 2).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant 2");
        assertThat(users(db)).isEqualTo(before);
    }

    @MatrixTest
    void legitimate_bind_batches_and_batch_store_keep_working(TestDatabase db) {
        DSLContext dsl = strict(db);
        var insert = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values((Long) null, null, null, null);
        dsl.batch(insert).bind(11L, "k@x", "k", 1).bind(12L, "m@x", "m", 1).execute();
        var first = dsl.newRecord(USERS);
        first.setId(21L);
        first.setEmail("r1@x");
        first.setName("r1");
        var second = dsl.newRecord(USERS);
        second.setId(22L);
        second.setEmail("r2@x");
        second.setName("r2");
        dsl.batchStore(first, second).execute();
        assertThat(db.dsl().select(USERS.ID, USERS.TENANT_ID).from(USERS).where(USERS.ID.in(11L, 12L, 21L, 22L)).orderBy(USERS.ID)
                .fetch().map(r -> r.value1() + ":" + r.value2())).containsExactly("11:1", "12:1", "21:1", "22:1");
    }

    // ------------------------------------------------------------------ 9. unknown relations

    @MatrixTest
    void relations_a_fail_closed_plugin_does_not_know_are_refused(TestDatabase db) {
        DSLContext dsl = strict(db);
        assertThatThrownBy(() -> dsl.selectFrom(table(name("tenant_overview"))).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("unknown to the fail-closed plugin 'tenant'");
        Executor knowing = Executor.of(db.dsl(), new TestPlugins.Tenant(true, Set.of("tags"))).with(TestPlugins.TENANT, 1);
        assertThatCode(() -> knowing.dsl().selectFrom(table(name("tags"))).fetch()).doesNotThrowAnyException();
    }

    // Embedded engines only: jOOQ's PostgreSQL catalog query scans every schema and fails when another session drops a
    // table meanwhile; its MariaDB one names columns MariaDB 10.11 lacks.
    @MatrixTest(only = {Engine.SQLITE, Engine.H2})
    void jooq_metadata_is_read_through_the_executor_without_row_plugins(TestDatabase db) {
        Executor executor = strictExecutor(db);
        assertThat(executor.meta().getTables()).extracting(t -> t.getName().toLowerCase()).contains("users", "posts");
    }

    @MatrixTest(only = Engine.SQLITE)
    void jooqs_sqlite_catalog_queries_through_dsl_are_refused_with_the_way_out(TestDatabase db) {
        // jOOQ reads SQLite's catalog with plain SQL its own parser cannot read, so the strict plugin refuses it.
        assertThatThrownBy(() -> strictExecutor(db).dsl().meta().getTables())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("Executor.meta()");
    }

    // ------------------------------------------------------------------ statements that used to break

    @MatrixTest
    void a_positional_insert_into_a_table_without_metadata_is_refused_with_a_clear_message(TestDatabase db) {
        DSLContext dsl = strict(db);
        assertThatThrownBy(() -> dsl.insertInto(table(name("users"))).values(11L, "x@x", "x").execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("name the columns");
    }

    @MatrixTest
    void an_alias_with_a_column_list_is_filtered_on_the_real_columns(TestDatabase db) {
        DSLContext dsl = strict(db);
        String[] renamed = java.util.Arrays.stream(USERS.fields()).map(f -> "x_" + f.getName()).toArray(String[]::new);
        var aliased = USERS.as("u", renamed);
        var rows = dsl.select(field(name("u", "x_name"), String.class)).from(aliased).orderBy(field(name("u", "x_id"))).fetch();
        assertThat(rows.map(r -> r.value1())).containsExactly("alice", "dave", "eve");
    }

    @MatrixTest
    void delete_returning_works_without_soft_delete(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.Tenant(true, Set.of())).with(TestPlugins.TENANT, 1).dsl();
        var returned = dsl.deleteFrom(USERS).where(USERS.ID.in(EVE, CAROL)).returning(USERS.ID).fetch();
        assertThat(returned.map(r -> r.get(USERS.ID))).containsExactly(EVE);
        assertThat(names(users(db))).containsExactly("alice", "bob", "carol", "dave");
    }

    @MatrixTest(except = Engine.MARIADB)
    void delete_returning_under_soft_delete_returns_the_marked_rows(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.Tenant(true, Set.of()), new TestPlugins.SoftDelete(true))
                .with(TestPlugins.TENANT, 1).dsl();
        var returned = dsl.deleteFrom(USERS).where(USERS.ID.in(ALICE, CAROL)).returning(USERS.ID, USERS.NAME).fetch();
        assertThat(returned.map(r -> r.get(USERS.ID) + ":" + r.get(USERS.NAME))).containsExactly(ALICE + ":alice");
        assertThat(db.dsl().fetchCount(USERS)).as("soft deleted, not removed").isEqualTo(5);
        assertThat(db.dsl().select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(ALICE)).fetchOne().value1()).isEqualTo(STAMP);
    }

    @MatrixTest(only = Engine.MARIADB)
    void delete_returning_under_soft_delete_is_refused_where_update_cannot_return(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.SoftDelete(true)).dsl();
        Result<Record> before = users(db);
        assertThatThrownBy(() -> dsl.deleteFrom(USERS).where(USERS.ID.eq(ALICE)).returning(USERS.ID).fetch())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("no UPDATE … RETURNING");
        assertThat(users(db)).isEqualTo(before);
    }

    @MatrixTest(except = {Engine.MARIADB, Engine.H2}) // neither has WITH before DELETE or UPDATE
    void with_delete_under_soft_delete_keeps_its_with(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.SoftDelete(true)).dsl();
        int marked = dsl.with("gone").as(select(inline(ALICE).as("id")))
                .delete(USERS).where(USERS.ID.in(select(field(name("gone", "id"), SQLDataType.BIGINT)).from(table(name("gone")))))
                .execute();
        assertThat(marked).isEqualTo(1);
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(5);
        assertThat(db.dsl().select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(ALICE)).fetchOne().value1()).isEqualTo(STAMP);
    }

    @MatrixTest(only = Engine.MARIADB)
    void plain_sql_on_mariadb_keeps_backslash_escapes(TestDatabase db) {
        CorpusData.seed(db);
        DSLContext dsl = Executor.of(db.dsl(), new TestPlugins.SoftDelete(false)).dsl();
        // With MariaDB's escaping the literal is  x' or name = 'alice  : it matches no row.
        assertThat(dsl.fetch("select name from users where name = 'x\\' or name = \\'alice'")).isEmpty();
    }

    // ------------------------------------------------------------------ structural faults

    @MatrixTest
    void rendering_a_refused_statement_never_throws(TestDatabase db) {
        DSLContext dsl = strict(db);
        var truncate = dsl.truncate(USERS);
        var fragment = dsl.selectFrom(USERS).where(condition("exists (select 1 from posts)"));
        assertThatCode(() -> {
            truncate.toString();
            truncate.getSQL();
            fragment.toString();
            fragment.hashCode();
            fragment.getSQL();
        }).doesNotThrowAnyException();
        assertThatThrownBy(fragment::fetch).isInstanceOf(UnsupportedStatementException.class);
    }

    @MatrixTest
    void a_fail_closed_plugin_is_bypassed_only_with_its_token(TestDatabase db) {
        Executor executor = strictExecutor(db);
        assertThatThrownBy(() -> executor.withoutPlugin("tenant"))
                .isInstanceOf(PluginConfigurationException.class)
                .extracting(e -> ((PluginConfigurationException) e).code()).isEqualTo(PluginConfigurationException.BYPASS_REFUSED);
        assertThatThrownBy(executor::withoutPlugins).isInstanceOf(PluginConfigurationException.class);
        assertThatThrownBy(() -> executor.bypassing(BypassToken.create("forged"))).isInstanceOf(PluginConfigurationException.class);
        assertThat(executor.bypassing(tenant.bypassToken()).dsl().fetchCount(USERS)).isEqualTo(4);
        assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(3);
    }

    @MatrixTest
    void views_cannot_close_the_executor_and_nothing_runs_after_close(TestDatabase db) {
        CorpusData.seed(db);
        Executor root = Executor.of(db.dsl(), new TestPlugins.SoftDelete(false));
        Executor view = root.with(TestPlugins.TENANT, 1);
        assertThatThrownBy(view::close).isInstanceOf(IllegalStateException.class);
        assertThat(view.dsl().fetchCount(USERS)).isEqualTo(4);
        root.close();
        assertThatThrownBy(() -> view.dsl().fetchCount(USERS)).isInstanceOf(ExecutorClosedException.class);
        assertThatThrownBy(() -> root.transaction(tx -> { })).isInstanceOf(ExecutorClosedException.class);
    }
}
