package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.dal.Fixtures.ALICE;
import static dev.kysera.dal.Fixtures.DAVE;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.dal.internal.Branches;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.impl.DSL;

class ParallelTest {

    /** What one branch saw: its thread, its database session (null on SQLite) and a query result. */
    record Seen(Thread thread, Object session, Optional<String> name) {
    }

    /**
     * A branch that holds a connection while it waits for the other branches at the barrier: it
     * can only get past it if every branch holds its own connection at the same time.
     */
    private static DbQuery<Long, Seen> branch(TestDatabase db, CyclicBarrier barrier) {
        String sessionSql = Fixtures.sessionIdQuery(db.engine());
        return DbQuery.of((ctx, id) -> ctx.dsl().connectionResult(connection -> {
            Object session = sessionSql == null ? null : DSL.using(connection, db.dialect()).fetchValue(sessionSql);
            if (barrier != null) {
                barrier.await(20, TimeUnit.SECONDS);
            }
            Optional<String> name = DbQueryTest.NAME_BY_ID.run(ctx, id);
            return new Seen(Thread.currentThread(), session, name);
        }));
    }

    @MatrixTest
    void outside_a_transaction_branches_run_at_once_on_separate_connections_and_virtual_threads(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        assertThat(Dal.runsConcurrently(ctx)).isTrue();
        CyclicBarrier barrier = new CyclicBarrier(3);
        Three<Seen, Seen, Seen> seen = Dal.parallel(branch(db, barrier), branch(db, barrier), branch(db, barrier)).run(ctx, ALICE);

        List<Seen> all = List.of(seen.first(), seen.second(), seen.third());
        assertThat(all).allSatisfy(s -> {
            assertThat(s.thread().isVirtual()).isTrue();
            assertThat(s.thread().getName()).startsWith(Branches.THREAD_PREFIX);
            assertThat(s.name()).contains("alice");
        });
        assertThat(all.stream().map(Seen::thread).distinct()).hasSize(3);
        if (Fixtures.sessionIdQuery(db.engine()) != null) {
            assertThat(all.stream().map(s -> String.valueOf(s.session())).distinct()).as("three database sessions").hasSize(3);
        }
    }

    @MatrixTest
    void inside_a_transaction_branches_run_in_order_on_the_calling_thread_and_the_one_connection(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        DbQuery<Long, Seen> first = branch(db, null).map(s -> record(order, "first", s));
        DbQuery<Long, Seen> second = branch(db, null).map(s -> record(order, "second", s));
        DbQuery<Long, Seen> third = branch(db, null).map(s -> record(order, "third", s));

        List<Seen> seen = Dal.withTransaction(ctx, tx -> {
            assertThat(Dal.runsConcurrently(tx)).isFalse();
            Fixtures.insertUser(tx.dsl(), 71L, 1);
            return Dal.parallel(List.of(first, second, third)).run(tx, 71L);
        });
        assertThat(order).containsExactly("first", "second", "third");
        assertThat(seen).allSatisfy(s -> {
            assertThat(s.thread()).isSameAs(Thread.currentThread());
            assertThat(s.name()).as("each branch sees the transaction's uncommitted row").contains("u71");
        });
        if (Fixtures.sessionIdQuery(db.engine()) != null) {
            assertThat(seen.stream().map(s -> String.valueOf(s.session())).distinct()).as("one database session").hasSize(1);
        }
    }

    @MatrixTest
    void savepoints_opened_by_branches_inside_a_transaction_nest_one_after_another(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        DbQuery<Long, String> keeps = DbQuery.of((c, id) -> Dal.withTransaction(c, sp -> {
            Fixtures.insertUser(sp.dsl(), id, 1);
            return "kept";
        }));
        DbQuery<Long, String> undoes = DbQuery.of((c, id) -> {
            RuntimeException undo = new RuntimeException("undo");
            Throwable thrown = catchThrowable(() -> Dal.withTransaction(c, sp -> {
                Fixtures.insertUser(sp.dsl(), id + 1, 1);
                throw undo;
            }));
            return thrown == undo ? "undone" : "unexpected: " + thrown;
        });
        Both<String, String> both = Dal.withTransaction(ctx, tx -> Dal.parallel(keeps, undoes).run(tx, 81L));
        assertThat(both).isEqualTo(new Both<>("kept", "undone"));
        assertThat(Fixtures.countRaw(db, 81L)).isEqualTo(1);
        assertThat(Fixtures.countRaw(db, 82L)).isZero();
    }

    @MatrixTest
    void an_executor_over_a_single_connection_runs_branches_in_order(TestDatabase db) throws Exception {
        Fixtures.seed(db);
        try (Connection connection = db.dataSource().getConnection()) {
            DbContext ctx = DbContext.of(Executor.of(DSL.using(connection, db.dialect()), new TestPlugins.Tenant()))
                    .with(TestPlugins.TENANT, 1);
            assertThat(Dal.runsConcurrently(ctx)).isFalse();
            Both<Seen, Seen> seen = Dal.parallel(branch(db, null), branch(db, null)).run(ctx, DAVE);
            assertThat(seen.first().thread()).isSameAs(Thread.currentThread());
            assertThat(seen.second().thread()).isSameAs(Thread.currentThread());
            assertThat(seen.second().name()).contains("dave");
        }
    }

    @MatrixTest
    void the_first_failure_propagates_unchanged_and_the_other_branches_are_cancelled_before_it_returns(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        DbQuery<Long, String> slow = DbQuery.of((c, id) -> {
            try {
                c.dsl().fetchCount(USERS);
                started.countDown();
                Thread.sleep(30_000);
                return "finished";
            } catch (InterruptedException e) {
                interrupted.set(true);
                return "interrupted";
            } finally {
                ended.set(true);
            }
        });
        IllegalStateException failure = new IllegalStateException("branch failed");
        DbQuery<Long, String> failing = DbQuery.of((c, id) -> {
            try {
                started.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            throw failure;
        });

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> Dal.parallel(slow, failing).run(ctx, ALICE));
        assertThat(thrown).isSameAs(failure);
        assertThat(interrupted).as("the slow branch was cancelled").isTrue();
        assertThat(ended).as("no branch outlives the call").isTrue();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @MatrixTest
    void failures_that_already_happened_in_other_branches_are_suppressed(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        CyclicBarrier bothFailing = new CyclicBarrier(2);
        CountDownLatch firstThrown = new CountDownLatch(1);
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b");
        DbQuery<Long, String> failsFirst = DbQuery.of((c, id) -> {
            await(bothFailing);
            firstThrown.countDown();
            throw a;
        });
        DbQuery<Long, String> failsSecond = DbQuery.of((c, id) -> {
            await(bothFailing);
            // Ignores the cancellation, so it fails after the first failure; still reported, as suppressed.
            awaitUninterruptibly(firstThrown);
            throw b;
        });
        Throwable thrown = catchThrowable(() -> Dal.parallel(List.of(failsFirst, failsSecond)).run(ctx, ALICE));
        assertThat(thrown).isIn(a, b);
        Throwable other = thrown == a ? b : a;
        assertThat(thrown.getSuppressed()).containsExactly(other);
    }

    @MatrixTest
    void results_come_back_typed_and_in_order(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        DbQuery<Void, Integer> count = DbQuery.of(c -> c.dsl().fetchCount(USERS));
        DbQuery<Void, List<String>> names = DbQueryTest.VISIBLE_NAMES;
        Both<Integer, List<String>> both = Dal.parallel(count, names).run(ctx);
        assertThat(both).isEqualTo(new Both<>(3, List.of("alice", "dave", "eve")));
        List<Optional<String>> byId = Dal.parallel(List.of(DbQueryTest.NAME_BY_ID.bind(ALICE), DbQueryTest.NAME_BY_ID.bind(DAVE),
                DbQueryTest.NAME_BY_ID.bind(Fixtures.CAROL))).run(ctx);
        assertThat(byId).containsExactly(Optional.of("alice"), Optional.of("dave"), Optional.empty());
        assertThat(Dal.parallel(List.<DbQuery<Void, Integer>>of()).run(ctx)).isEmpty();
    }

    private static Seen record(List<String> order, String label, Seen seen) {
        order.add(label);
        return seen;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
