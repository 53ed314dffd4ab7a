package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.Readonly;

class TransactionTest {

    private static Executor executor(TestDatabase db) {
        CorpusData.seed(db);
        return Executor.of(db.dsl(), new TestPlugins.Tenant(false), new TestPlugins.SoftDelete(false), new TestPlugins.Stamps())
                .with(TestPlugins.TENANT, 1);
    }

    private static void insertUser(DSLContext dsl, long id) {
        dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, "u" + id + "@example.com", "u" + id).execute();
    }

    @MatrixTest
    void plugins_apply_inside_transactions_and_nested_savepoints(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> {
            assertThat(tx.inTransaction()).isTrue();
            assertThat(tx.dsl().fetchCount(USERS)).isEqualTo(3);
            tx.transaction(nested -> {
                assertThat(nested.dsl().fetchCount(USERS)).isEqualTo(3);
                String sql = nested.dsl().render(nested.dsl().selectFrom(USERS));
                assertThat(sql).contains("deleted_at").contains("tenant_id");
            });
        });
    }

    @MatrixTest
    void a_failed_savepoint_rolls_back_alone_and_the_outer_transaction_commits(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> {
            insertUser(tx.dsl(), 41L);
            assertThatThrownBy(() -> tx.transaction(nested -> {
                insertUser(nested.dsl(), 42L);
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        });
        assertThat(db.dsl().fetchExists(USERS, USERS.ID.eq(41L))).isTrue();
        assertThat(db.dsl().fetchExists(USERS, USERS.ID.eq(42L))).isFalse();
        assertThat(db.dsl().selectFrom(USERS).where(USERS.ID.eq(41L)).fetchOne().getTenantId()).isEqualTo(1);
    }

    @MatrixTest
    void a_failed_outer_transaction_leaves_nothing_behind(TestDatabase db) {
        Executor executor = executor(db);
        assertThatThrownBy(() -> executor.transaction(tx -> {
            insertUser(tx.dsl(), 43L);
            tx.transaction(nested -> insertUser(nested.dsl(), 44L));
            throw new IllegalArgumentException("outer");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.dsl().fetchExists(USERS, USERS.ID.in(43L, 44L))).isFalse();
    }

    @MatrixTest
    void a_bypass_stays_in_force_inside_its_transactions(TestDatabase db) {
        Executor withoutSoftDelete = executor(db).withoutPlugin("soft-delete");
        int seen = withoutSoftDelete.transactionResult(tx -> tx.transactionResult(nested -> nested.dsl().fetchCount(USERS)));
        assertThat(seen).isEqualTo(4);
        int raw = executor(db).withoutPlugins().transactionResult(tx -> tx.dsl().fetchCount(USERS));
        assertThat(raw).isEqualTo(5);
    }

    @MatrixTest
    void context_set_inside_a_transaction_applies_to_that_block_only(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> {
            assertThat(tx.with(TestPlugins.TENANT, 2).dsl().selectFrom(USERS).fetch(USERS.NAME)).containsExactly("carol");
            assertThat(tx.dsl().fetchCount(USERS)).isEqualTo(3);
        });
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void isolation_level_and_read_only_are_applied_and_read_back(TestDatabase db) {
        Executor executor = executor(db);
        String isolation = executor.transactionResult(tx -> single(tx.dsl(), isolationQuery(db.engine())),
                Isolation.SERIALIZABLE);
        assertThat(isolation.toUpperCase().replace('-', ' ').replace('_', ' ')).isEqualTo("SERIALIZABLE");
        String readOnly = executor.transactionResult(tx -> single(tx.dsl(), readOnlyQuery(db.engine())),
                Readonly.READONLY);
        assertThat(readOnly).isIn("on", "1");
        assertThatThrownBy(() -> executor.transaction(tx -> insertUser(tx.dsl(), 45L), Readonly.READONLY))
                .isExactlyInstanceOf(dev.kysera.core.error.DatabaseException.class)
                .satisfies(e -> assertThat(((dev.kysera.core.error.DatabaseException) e).isTransient()).isFalse());
        String after = executor.transactionResult(tx -> single(tx.dsl(), isolationQuery(db.engine())));
        assertThat(after.toUpperCase()).doesNotContain("SERIALIZABLE");
    }

    @MatrixTest
    void the_handle_reports_the_isolation_level_and_read_only_its_savepoints_inherit(TestDatabase db) {
        Executor executor = executor(db);
        java.util.List<TransactionHandle> seen = new java.util.ArrayList<>();
        executor.transaction(tx -> {
            seen.add(tx.transaction().orElseThrow());
            tx.transaction(nested -> seen.add(nested.transaction().orElseThrow()));
        }, Isolation.SERIALIZABLE);
        executor.transaction(tx -> seen.add(tx.transaction().orElseThrow()));
        assertThat(seen).extracting(TransactionHandle::depth).containsExactly(0, 1, 0);
        assertThat(seen.get(0).isolation()).contains(Isolation.SERIALIZABLE);
        assertThat(seen.get(1).isolation()).contains(Isolation.SERIALIZABLE);
        assertThat(seen.get(2).isolation()).isEmpty();
        assertThat(seen).allSatisfy(handle -> {
            assertThat(handle.readOnly()).isFalse();
            assertThat(handle.external()).isFalse();
        });
        if (db.engine() == Engine.POSTGRES || db.engine() == Engine.MARIADB) {
            executor.transaction(tx -> {
                assertThat(tx.transaction().orElseThrow().readOnly()).isTrue();
                tx.transaction(nested -> assertThat(nested.transaction().orElseThrow().readOnly()).isTrue());
            }, Readonly.READONLY);
        }
    }

    @MatrixTest
    void isolation_on_a_nested_transaction_is_refused_not_dropped(TestDatabase db) {
        Executor executor = executor(db);
        assertThatThrownBy(() -> executor.transaction(tx -> tx.transaction(nested -> { }, Isolation.SERIALIZABLE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outermost");
    }

    @MatrixTest
    void work_in_a_transaction_is_visible_to_itself_before_commit(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> {
            tx.dsl().update(USERS).set(USERS.NAME, "alicia").where(USERS.ID.eq(ALICE)).execute();
            assertThat(tx.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(ALICE)).fetchOne(USERS.NAME)).isEqualTo("alicia");
        });
    }

    private static String single(DSLContext dsl, String sql) {
        return dsl.fetchOne(sql).get(0, String.class);
    }

    private static String isolationQuery(Engine engine) {
        return engine == Engine.POSTGRES ? "show transaction_isolation" : "select @@tx_isolation";
    }

    private static String readOnlyQuery(Engine engine) {
        return engine == Engine.POSTGRES ? "show transaction_read_only" : "select @@tx_read_only";
    }
}
