package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableRole;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The phases: rendering calls no observer and throws nothing; observers see every execution with its
 * plan, every batch row's binds and the real affected rows; pre-images are read in the statement's
 * transaction; after-commit callbacks run only after a commit.
 */
class PhaseTest {

    /** Records what it sees; asks for pre-images of UPDATE and DELETE. */
    static final class Recorder implements Plugin {
        final List<StatementEvent> before = new CopyOnWriteArrayList<>();
        final List<StatementEvent> after = new CopyOnWriteArrayList<>();
        final List<String> transactions = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void register(PluginRoles roles) {
            roles.statementObserver(new StatementObserver() {
                @Override
                public boolean wantsPreImage(StatementPlan plan) {
                    return plan.kind() == StatementKind.UPDATE || plan.kind() == StatementKind.DELETE;
                }

                @Override
                public void beforeStatement(StatementEvent event) {
                    before.add(event);
                }

                @Override
                public void afterStatement(StatementEvent event) {
                    after.add(event);
                }
            }).transactionObserver(new TransactionObserver() {
                @Override
                public void afterBegin(TransactionHandle transaction) {
                    transactions.add("begin " + transaction.depth());
                }

                @Override
                public void afterCommit(TransactionHandle transaction) {
                    transactions.add("commit " + transaction.depth());
                }

                @Override
                public void afterRollback(TransactionHandle transaction, Throwable cause) {
                    transactions.add("rollback " + transaction.depth());
                }
            });
        }
    }

    private Recorder recorder;

    private Executor executor(TestDatabase db) {
        CorpusData.seed(db);
        recorder = new Recorder();
        return Executor.of(db.dsl(), new TestPlugins.SoftDelete(true), recorder);
    }

    @MatrixTest
    void rendering_calls_no_observer(TestDatabase db) {
        DSLContext dsl = executor(db).dsl();
        var query = dsl.update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(ALICE));
        query.getSQL();
        query.toString();
        assertThat(recorder.before).isEmpty();
        assertThat(recorder.after).isEmpty();
    }

    @MatrixTest
    void observers_see_the_plan_the_sql_and_the_affected_rows(TestDatabase db) {
        executor(db).dsl().deleteFrom(USERS).where(USERS.ID.eq(ALICE)).execute();
        assertThat(recorder.after).hasSize(1);
        StatementEvent event = recorder.after.getFirst();
        assertThat(event.plan().kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(event.plan().writtenKind()).isEqualTo(StatementKind.DELETE);
        assertThat(event.plan().targetTable().orElseThrow().name()).isEqualTo("users");
        assertThat(event.plan().tables().getFirst().role()).isEqualTo(TableRole.TARGET);
        assertThat(event.plan().targetOperation()).contains(Operation.DELETE);
        assertThat(event.plan().changedBy()).contains("soft-delete");
        assertThat(event.plan().intent()).isEqualTo(WriteIntent.SOFT_DELETE);
        assertThat(event.sql().getFirst().toLowerCase()).startsWith("update");
        assertThat(event.rowCounts()).containsExactly(1L);
        assertThat(event.failure()).isEmpty();
        assertThat(event.preImage().orElseThrow().getValues(USERS.NAME)).containsExactly("alice");
        assertThat(event.writtenRows()).hasSize(1);
    }

    @MatrixTest
    void observers_write_in_the_statements_transaction_through_the_event(TestDatabase db) {
        CorpusData.seed(db);
        Executor executor = Executor.of(db.dsl(), new Plugin() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public void afterStatement(StatementEvent event) {
                        if (event.plan().kind() == StatementKind.UPDATE && event.failure().isEmpty()) {
                            event.dsl().update(USERS).set(USERS.STATUS, "suspended").where(USERS.ID.eq(CorpusData.EVE)).execute();
                        }
                    }
                });
            }
        });
        assertThatThrownBy(() -> executor.transaction(tx -> {
            tx.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(ALICE)).execute();
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.dsl().select(USERS.STATUS).from(USERS).where(USERS.ID.eq(CorpusData.EVE)).fetchOne().value1())
                .as("the observer's write went with the rollback").isEqualTo("active");
        executor.transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(ALICE)).execute());
        assertThat(db.dsl().select(USERS.STATUS).from(USERS).where(USERS.ID.eq(CorpusData.EVE)).fetchOne().value1()).isEqualTo("suspended");
    }

    @MatrixTest
    void observers_see_every_batch_row_and_its_count(TestDatabase db) {
        DSLContext dsl = executor(db).dsl();
        var insert = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values((Long) null, null, null);
        dsl.batch(insert).bind(11L, "k@x", "k").bind(12L, "m@x", "m").bind(13L, "n@x", "n").execute();
        StatementEvent event = recorder.after.getLast();
        assertThat(event.batch()).isTrue();
        assertThat(event.binds()).hasSize(3);
        assertThat(event.binds().stream().map(row -> row.get(0)).toList()).containsExactly(11L, 12L, 13L);
        assertThat(event.rowCounts()).hasSize(3).allSatisfy(count -> assertThat(count).isIn(1L, (long) java.sql.Statement.SUCCESS_NO_INFO));
        assertThat(event.writtenRows()).hasSize(3)
                .extracting(row -> ((dev.kysera.executor.plan.WrittenValue.Constant) row.image().value("id").orElseThrow()).value())
                .containsExactly(11L, 12L, 13L);
    }

    @MatrixTest
    void a_failed_statement_reaches_observers_typed(TestDatabase db) {
        DSLContext dsl = executor(db).dsl();
        assertThatThrownBy(() -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(ALICE, "dup@x", "dup").execute())
                .isInstanceOf(dev.kysera.core.error.UniqueConstraintException.class);
        assertThat(recorder.after.getLast().failure()).containsInstanceOf(dev.kysera.core.error.UniqueConstraintException.class);
    }

    @MatrixTest
    void transaction_observers_run_statements_in_the_transaction_with_its_context(TestDatabase db) {
        CorpusData.seed(db);
        List<Integer> tenants = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(db.dsl(), new Plugin() {
            @Override
            public String name() {
                return "session-setup";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.transactionObserver(new TransactionObserver() {
                    @Override
                    public void afterBegin(TransactionHandle transaction) {
                        tenants.add(transaction.context().get(TestPlugins.TENANT).orElse(-1));
                        transaction.dsl().update(USERS).set(USERS.STATUS, "suspended").where(USERS.ID.eq(CorpusData.EVE)).execute();
                    }
                });
            }
        }).with(TestPlugins.TENANT, 7);
        assertThatThrownBy(() -> executor.transaction(tx -> {
            assertThat(tx.dsl().select(USERS.STATUS).from(USERS).where(USERS.ID.eq(CorpusData.EVE)).fetchOne().value1())
                    .isEqualTo("suspended");
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tenants).containsExactly(7);
        assertThat(db.dsl().select(USERS.STATUS).from(USERS).where(USERS.ID.eq(CorpusData.EVE)).fetchOne().value1()).isEqualTo("active");
    }

    @MatrixTest
    void a_users_jooq_execute_listener_sees_the_statement_that_runs(TestDatabase db) {
        CorpusData.seed(db);
        List<String> seen = new CopyOnWriteArrayList<>();
        org.jooq.ExecuteListener listener = new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                seen.add(String.valueOf(((org.jooq.Select<?>) ctx.query()).$where()));
            }
        };
        var configuration = db.dsl().configuration().derive(new org.jooq.impl.DefaultExecuteListenerProvider(listener));
        Executor executor = Executor.builder().configuration(configuration).plugin(new TestPlugins.Tenant()).build()
                .with(TestPlugins.TENANT, 1);
        var query = executor.dsl().selectFrom(USERS).where(USERS.ID.eq(ALICE));
        assertThat(query.fetch()).hasSize(1);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).contains("tenant_id").contains("1001");
        assertThat(String.valueOf(query.$where())).as("the caller's query is unchanged").doesNotContain("tenant_id");
    }

    @MatrixTest
    void a_statement_refused_while_planned_reaches_observers_as_a_failure_only(TestDatabase db) {
        CorpusData.seed(db);
        recorder = new Recorder();
        Executor executor = Executor.of(db.dsl(), new TestPlugins.Tenant(true), recorder).with(TestPlugins.TENANT, 1);
        assertThatThrownBy(() -> executor.dsl().truncate(USERS).execute()).isInstanceOf(UnsupportedStatementException.class);
        assertThat(recorder.before).isEmpty();
        assertThat(recorder.after).hasSize(1);
        assertThat(recorder.after.getFirst().failure()).containsInstanceOf(UnsupportedStatementException.class);
        assertThat(recorder.after.getFirst().rowCounts()).isEmpty();
    }

    @MatrixTest
    void the_pre_image_is_read_in_the_statements_transaction(TestDatabase db) {
        Executor executor = executor(db);
        executor.transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(31L, "new@x", "uncommitted").execute();
            tx.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(31L)).execute();
        });
        StatementEvent update = recorder.before.stream().filter(e -> e.plan().kind() == StatementKind.UPDATE).findFirst().orElseThrow();
        // Another connection could not see the uncommitted row; the pre-image does.
        assertThat(update.preImage().orElseThrow().getValues(USERS.NAME)).containsExactly("uncommitted");
        assertThat(update.transaction()).isPresent();
        assertThat(recorder.transactions).containsExactly("begin 0", "commit 0");
    }

    @MatrixTest
    void after_commit_callbacks_run_only_after_a_commit(TestDatabase db) {
        Executor executor = executor(db);
        List<String> ran = new ArrayList<>();
        executor.transaction(tx -> {
            tx.transaction().orElseThrow().afterCommit(() -> ran.add("outer"));
            assertThatThrownBy(() -> tx.transaction(inner -> {
                inner.transaction().orElseThrow().afterCommit(() -> ran.add("rolled-back savepoint"));
                throw new IllegalStateException("undo the savepoint");
            })).isInstanceOf(IllegalStateException.class);
            tx.transaction(inner -> inner.transaction().orElseThrow().afterCommit(() -> ran.add("released savepoint")));
            assertThat(ran).as("nothing runs before the commit").isEmpty();
        });
        assertThat(ran).containsExactly("outer", "released savepoint");
        List<String> afterRollback = new ArrayList<>();
        assertThatThrownBy(() -> executor.transaction(tx -> {
            tx.transaction().orElseThrow().afterCommit(() -> afterRollback.add("commit"));
            tx.transaction().orElseThrow().afterRollback(() -> afterRollback.add("rollback"));
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(afterRollback).containsExactly("rollback");
        assertThat(recorder.transactions).containsExactly("begin 0", "begin 1", "rollback 1", "begin 1", "commit 1", "commit 0",
                "begin 0", "rollback 0");
    }

    @MatrixTest
    void an_unbound_view_used_inside_a_transaction_joins_it(TestDatabase db) {
        Executor executor = executor(db);
        assertThatThrownBy(() -> executor.transaction(tx -> {
            executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(41L, "joined@x", "joined").execute();
            assertThat(tx.dsl().fetchCount(USERS, USERS.ID.eq(41L))).isEqualTo(1);
            assertThat(executor.inTransaction()).isTrue();
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.dsl().fetchCount(USERS, USERS.ID.eq(41L))).as("the row went with the rollback").isZero();
    }

    @MatrixTest
    void a_transaction_executor_refuses_work_after_its_transaction_ended(TestDatabase db) {
        Executor executor = executor(db);
        Executor escaped = executor.transactionResult(tx -> tx);
        assertThatThrownBy(() -> escaped.dsl().fetchCount(USERS)).isInstanceOf(TransactionEndedException.class);
        Record alice = executor.dsl().selectFrom(USERS).where(USERS.ID.eq(ALICE)).fetchOne();
        assertThat(alice.get(USERS.NAME)).as("the executor itself still works").isEqualTo("alice");
    }

    @MatrixTest
    void an_ended_transaction_begins_no_savepoint_and_takes_no_callbacks(TestDatabase db) {
        Executor executor = executor(db);
        TransactionHandle[] handle = new TransactionHandle[1];
        Executor escaped = executor.transactionResult(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(42L, "ended@x", "ended").execute();
            handle[0] = tx.transaction().orElseThrow();
            return tx;
        });
        List<String> ran = new ArrayList<>();

        assertThatThrownBy(() -> escaped.transaction(tx -> {
            ran.add("block");
            tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(42L)).execute();
        })).isExactlyInstanceOf(TransactionEndedException.class);
        assertThatThrownBy(() -> escaped.transactionResult(tx -> "result")).isExactlyInstanceOf(TransactionEndedException.class);
        assertThatThrownBy(() -> handle[0].afterCommit(() -> ran.add("commit"))).isExactlyInstanceOf(TransactionEndedException.class);
        assertThatThrownBy(() -> handle[0].afterRollback(() -> ran.add("rollback"))).isExactlyInstanceOf(TransactionEndedException.class);

        assertThat(ran).as("no block, no callback").isEmpty();
        assertThat(db.dsl().fetchCount(USERS, USERS.ID.eq(42L))).as("the committed row is untouched").isEqualTo(1);
    }
}
