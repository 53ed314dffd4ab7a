package dev.kysera.infra;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Shutdown refuses new work with a typed error, lets work in flight finish, and closes executor and pool. */
class GracefulShutdownTest {

    /** An own pool over the test database (closing the test database's would break it), an executor over it, its gate. */
    private record Rig(HikariDataSource pool, GracefulShutdown shutdown, Executor executor) {
        static Rig over(TestDatabase db) {
            db.useTestSchema();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl());
            config.setMaximumPoolSize(4);
            config.setConnectionTimeout(5000);
            HikariDataSource pool = new HikariDataSource(config);
            GracefulShutdown shutdown = GracefulShutdown.create();
            return new Rig(pool, shutdown, Executor.builder().dataSource(pool, db.dialect()).decorateTransactions(shutdown.decorator()).build());
        }

        /** Starts a transaction that writes user 1, then waits for {@code release} and runs {@code rest}; returns once user 1 is written. */
        CompletableFuture<Void> holdOpen(CountDownLatch release, Consumer<Executor> rest) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> executor.transaction(tx -> {
                insertUser(tx, 1L);
                started.countDown();
                await(release);
                rest.accept(tx);
            }));
            await(started);
            return inFlight;
        }

        ShutdownReport shutdown(Duration timeout) {
            return shutdown.shutdown(timeout, executor, pool);
        }
    }

    private static void insertUser(Executor tx, long id) {
        tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, id + "@x", "user " + id).execute();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @MatrixTest
    void a_transaction_in_flight_finishes_new_ones_are_refused_then_executor_and_pool_close(TestDatabase db) throws Exception {
        Rig rig = Rig.over(db);
        CountDownLatch release = new CountDownLatch(1);
        // nested work of a transaction in flight still runs
        CompletableFuture<Void> inFlight = rig.holdOpen(release, tx -> tx.transaction(nested -> insertUser(nested, 2L)));
        assertThat(rig.shutdown().inFlight()).isEqualTo(1);

        CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(() -> rig.shutdown(Duration.ofSeconds(10)));
        waitUntil(rig.shutdown()::isShuttingDown);
        assertThatThrownBy(() -> rig.executor().transaction(tx -> insertUser(tx, 3L)))
                .isInstanceOf(ShutdownInProgressException.class)
                .satisfies(e -> assertThat(((ShutdownInProgressException) e).isTransient()).isFalse());
        Thread.sleep(100);
        assertThat(report).as("waits for the transaction in flight").isNotDone();
        assertThat(rig.pool().isClosed()).isFalse();

        release.countDown();
        inFlight.get(10, TimeUnit.SECONDS);
        ShutdownReport done = report.get(10, TimeUnit.SECONDS);
        assertThat(done.drained()).isTrue();
        assertThat(done.abandoned()).isZero();
        assertThat(done.refused()).isEqualTo(1);
        assertThat(rig.executor().isClosed()).isTrue();
        assertThat(rig.pool().isClosed()).isTrue();
        assertThat(db.dsl().select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID)).containsExactly(1L, 2L);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void work_still_running_at_the_deadline_is_rolled_back_not_half_committed(TestDatabase db) throws Exception {
        Rig rig = Rig.over(db);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> straggler = rig.holdOpen(release, tx -> insertUser(tx, 2L));
        long start = System.nanoTime();
        ShutdownReport report = rig.shutdown(Duration.ofMillis(200));
        release.countDown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
        assertThat(report.drained()).isFalse();
        assertThat(report.abandoned()).isEqualTo(1);
        assertThatThrownBy(() -> straggler.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(db.dsl().fetchCount(USERS)).as("the abandoned transaction rolled back as a whole").isZero();
    }

    @MatrixTest(except = Engine.SQLITE)
    void under_load_no_committed_work_is_lost_and_every_refusal_is_typed(TestDatabase db) throws Exception {
        Rig rig = Rig.over(db);
        AtomicLong ids = new AtomicLong();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        rig.executor().transaction(tx -> {
                            insertUser(tx, ids.incrementAndGet());
                            insertUser(tx, ids.incrementAndGet());
                        });
                        committed.incrementAndGet();
                    } catch (ShutdownInProgressException e) {
                        refused.incrementAndGet();
                        stop.set(true);
                    } catch (Throwable e) {
                        unexpected.add(e);
                        stop.set(true);
                    }
                }
            }));
        }
        waitUntil(() -> committed.get() >= 20);
        ShutdownReport report = rig.shutdown(Duration.ofSeconds(10));
        for (Thread worker : workers) {
            assertThat(worker.join(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(unexpected).isEmpty();
        assertThat(report.drained()).isTrue();
        assertThat(refused.get()).isPositive();
        // The report counts refusals until shutdown returned; a worker between two transactions may be refused after.
        assertThat(report.refused()).isLessThanOrEqualTo(refused.get());
        assertThat(db.dsl().fetchCount(USERS)).as("two rows per committed transaction, none of a refused one").isEqualTo(2 * committed.get());
    }
}
