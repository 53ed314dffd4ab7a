package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.dal.Fixtures.ALICE;
import static dev.kysera.dal.Fixtures.insertUser;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.Readonly;

class TransactionTest {

    static final DbQuery<Void, Integer> COUNT_USERS = DbQuery.of(ctx -> ctx.dsl().fetchCount(USERS));

    @MatrixTest
    void a_block_commits_and_returns_its_value(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        String result = Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 11L, 1);
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(Fixtures.countRaw(db, 11L)).isEqualTo(1);
        int count = Dal.withTransaction(DbContext.of(ctx.executor()), TransactionOptions.defaults(), COUNT_USERS::run);
        assertThat(count).isEqualTo(4);
    }

    @MatrixTest
    void a_savepoint_rolls_back_alone_while_the_outer_transaction_commits(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        IllegalStateException boom = new IllegalStateException("boom");
        Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 21L, 1);
            Throwable thrown = catchThrowable(() -> Dal.withTransaction(tx, nested -> {
                assertThat(nested.inTransaction()).isTrue();
                insertUser(nested.dsl(), 22L, 1);
                assertThat(COUNT_USERS.run(nested)).isEqualTo(5);
                throw boom;
            }));
            assertThat(thrown).isSameAs(boom);
            assertThat(COUNT_USERS.run(tx)).as("the savepoint's row is gone, the outer one is there").isEqualTo(4);
            Dal.withTransaction(tx, nested -> {
                insertUser(nested.dsl(), 23L, 1);
                return null;
            });
            return null;
        });
        assertThat(Fixtures.countRaw(db, 21L)).isEqualTo(1);
        assertThat(Fixtures.countRaw(db, 22L)).isZero();
        assertThat(Fixtures.countRaw(db, 23L)).as("a released savepoint commits with the outer transaction").isEqualTo(1);
    }

    @MatrixTest
    void a_failed_outer_transaction_leaves_nothing_behind_and_rethrows_the_same_exception(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        IllegalArgumentException outer = new IllegalArgumentException("outer");
        Throwable thrown = catchThrowable(() -> Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 31L, 1);
            Dal.withTransaction(tx, nested -> {
                insertUser(nested.dsl(), 32L, 1);
                return null;
            });
            throw outer;
        }));
        assertThat(thrown).isSameAs(outer);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(Fixtures.countRaw(db, 31L, 32L)).isZero();

        AssertionError error = new AssertionError("an Error, not an Exception");
        assertThat(catchThrowable(() -> Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 33L, 1);
            throw error;
        }))).isSameAs(error);
        assertThat(Fixtures.countRaw(db, 33L)).isZero();
    }

    @MatrixTest
    void an_uncaught_nested_failure_rolls_back_the_whole_transaction(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        IllegalStateException inner = new IllegalStateException("inner");
        assertThat(catchThrowable(() -> Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 41L, 1);
            return Dal.withTransaction(tx, nested -> {
                insertUser(nested.dsl(), 42L, 1);
                throw inner;
            });
        }))).isSameAs(inner);
        assertThat(Fixtures.countRaw(db, 41L, 42L)).isZero();
    }

    @MatrixTest
    void plugin_predicates_are_in_the_sql_of_dal_queries_at_every_nesting_level(TestDatabase db) {
        List<String> sql = Fixtures.sqlLog();
        DbContext ctx = Fixtures.tenantOne(db, sql);
        List<Integer> counts = Dal.withTransaction(ctx, tx -> {
            int outer = COUNT_USERS.run(tx);
            return Dal.withTransaction(tx, nested -> {
                int second = COUNT_USERS.run(nested);
                int third = Dal.withTransaction(nested, deeper -> COUNT_USERS.run(deeper.with(TestPlugins.TENANT, 2)));
                return List.of(outer, second, third);
            });
        });
        assertThat(counts).containsExactly(3, 3, 1);
        List<String> selects = sql.stream().filter(s -> s.toLowerCase().startsWith("select")).toList();
        assertThat(selects).hasSize(3).allSatisfy(s -> assertThat(s).contains("tenant_id").contains("deleted_at"));
    }

    @MatrixTest
    void a_disabled_plugin_stays_disabled_inside_transactions_and_savepoints(TestDatabase db) {
        List<String> sql = Fixtures.sqlLog();
        DbContext ctx = Fixtures.tenantOne(db, sql);
        Executor withoutSoftDelete = ctx.executor().withoutPlugin("soft-delete");
        List<Integer> counts = Dal.withTransaction(DbContext.of(withoutSoftDelete), tx -> {
            assertThat(tx.executor().activePlugins()).extracting(p -> p.name()).containsExactly("tenant");
            return List.of(COUNT_USERS.run(tx), Dal.withTransaction(tx, COUNT_USERS::run));
        });
        assertThat(counts).as("bob (soft-deleted) is visible, carol (tenant 2) is not").containsExactly(4, 4);
        assertThat(sql).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain("deleted_at").contains("tenant_id"));

        sql.clear();
        int all = Dal.withTransaction(ctx.withoutPlugins(), tx -> Dal.withTransaction(tx, COUNT_USERS::run));
        assertThat(all).isEqualTo(5);
        assertThat(sql).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain("deleted_at").doesNotContain("tenant_id"));
        assertThat(COUNT_USERS.run(ctx)).as("the original context is unchanged").isEqualTo(3);
    }

    @MatrixTest
    void attributes_set_on_the_context_reach_plugins_inside_transactions(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        List<Object> seen = Dal.withTransaction(ctx.with(TestPlugins.TENANT, 2), tx -> List.of(
                tx.get(TestPlugins.TENANT).orElseThrow(),
                DbQueryTest.VISIBLE_NAMES.run(tx),
                Dal.withTransaction(tx.with(TestPlugins.TENANT, null), DbQueryTest.VISIBLE_NAMES::run)));
        assertThat(seen).containsExactly(2, List.of("carol"), List.of());
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void isolation_level_and_read_only_are_applied_and_read_back(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        String isolation = Dal.withTransaction(ctx, TransactionOptions.of(Isolation.SERIALIZABLE),
                tx -> single(tx.dsl(), Fixtures.isolationQuery(db.engine())));
        assertThat(normalize(isolation)).isEqualTo("SERIALIZABLE");
        String repeatable = Dal.withTransaction(DbContext.of(ctx.executor()), TransactionOptions.defaults().withIsolation(Isolation.REPEATABLE_READ),
                tx -> single(tx.dsl(), Fixtures.isolationQuery(db.engine())));
        assertThat(normalize(repeatable)).isEqualTo("REPEATABLE READ");

        TransactionOptions readOnlySerializable = TransactionOptions.of(Isolation.SERIALIZABLE, Readonly.READONLY);
        List<String> both = Dal.withTransaction(ctx, readOnlySerializable, tx -> List.of(
                single(tx.dsl(), Fixtures.isolationQuery(db.engine())), single(tx.dsl(), Fixtures.readOnlyQuery(db.engine()))));
        assertThat(normalize(both.get(0))).isEqualTo("SERIALIZABLE");
        assertThat(both.get(1)).isIn("on", "1");
        assertThatThrownBy(() -> Dal.withTransaction(ctx, TransactionOptions.defaults().readOnly(), tx -> {
            insertUser(tx.dsl(), 51L, 1);
            return null;
        })).isExactlyInstanceOf(dev.kysera.core.error.DatabaseException.class);
        assertThat(Fixtures.countRaw(db, 51L)).isZero();

        List<String> after = Dal.withTransaction(ctx, tx -> List.of(
                single(tx.dsl(), Fixtures.isolationQuery(db.engine())), single(tx.dsl(), Fixtures.readOnlyQuery(db.engine()))));
        assertThat(normalize(after.get(0))).as("pooled connections are reset").isNotEqualTo("SERIALIZABLE");
        assertThat(after.get(1)).isIn("off", "0");
    }

    @MatrixTest
    void options_on_a_nested_transaction_are_refused_not_dropped(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        assertThatThrownBy(() -> Dal.withTransaction(ctx, tx ->
                Dal.withTransaction(tx, TransactionOptions.of(Isolation.SERIALIZABLE), COUNT_USERS::run)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outermost");
        assertThat(TransactionOptions.of(Isolation.READ_COMMITTED).readOnly().properties())
                .containsExactly(Isolation.READ_COMMITTED, Readonly.READONLY);
        assertThat(TransactionOptions.defaults().isDefault()).isTrue();
    }

    private static String single(DSLContext dsl, String sql) {
        return dsl.fetchOne(sql).get(0, String.class);
    }

    private static String normalize(String isolation) {
        return isolation.toUpperCase().replace('-', ' ').replace('_', ' ');
    }
}
