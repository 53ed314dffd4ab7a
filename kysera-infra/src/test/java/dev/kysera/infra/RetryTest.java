package dev.kysera.infra;

import static dev.kysera.infra.Faults.transientError;
import static dev.kysera.testsupport.schema.Tables.ACCOUNTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException.Kind;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Isolation;

/** Whole transactions are retried on transient errors only, with nothing of a failed attempt left behind. */
class RetryTest {

    private static final RetryOptions FAST = RetryOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(50)).build();

    private static Executor executor(TestDatabase db, KyseraRetry retry, List<UnaryOperator<TransactionRunner>> inner) {
        Executor.Builder builder = Executor.builder().dataSource(db.dataSource(), db.dialect()).decorateTransactions(retry.decorator());
        inner.forEach(builder::decorateTransactions);
        return builder.build();
    }

    private static AtomicInteger countRetries(KyseraRetry retry) {
        AtomicInteger retries = new AtomicInteger();
        retry.retry().getEventPublisher().onRetry(event -> retries.incrementAndGet());
        return retries;
    }

    private static void insertUser(Executor tx, long id) {
        tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, id + "@x", "user " + id).execute();
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_block_that_loses_a_serialization_conflict_once_commits_exactly_once(TestDatabase db) throws Exception {
        db.useTestSchema();
        KyseraRetry retry = KyseraRetry.of(FAST);
        AtomicInteger retries = countRetries(retry);
        Executor executor = executor(db, retry, List.of());
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (long id : new long[] {71L, 72L}) {
                AtomicInteger mine = new AtomicInteger();
                writers.add(threads.submit(() -> executor.transaction(tx -> {
                    attempts.incrementAndGet();
                    tx.dsl().fetchCount(USERS);
                    if (mine.incrementAndGet() == 1) {
                        await(bothRead); // only the first attempts meet, so the write skew happens once
                    }
                    insertUser(tx, id);
                }, Isolation.SERIALIZABLE)));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.dsl().fetchCount(USERS)).as("each writer committed exactly once").isEqualTo(2);
        assertThat(attempts).as("one writer lost once and ran again").hasValue(3);
        assertThat(retries).hasValue(1);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void concurrent_serializable_transfers_conserve_the_total_with_counted_retries(TestDatabase db) throws Exception {
        db.useTestSchema();
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = UUID.randomUUID();
            accounts.add(id);
            db.dsl().insertInto(ACCOUNTS, ACCOUNTS.ID, ACCOUNTS.OWNER, ACCOUNTS.BALANCE).values(id, "owner " + i, new BigDecimal("1000.00")).execute();
        }
        KyseraRetry retry = KyseraRetry.of(RetryOptions.builder().maxAttempts(30).initialBackoff(Duration.ofMillis(2))
                .maxBackoff(Duration.ofMillis(40)).build());
        AtomicInteger retries = countRetries(retry);
        Executor executor = executor(db, retry, List.of());
        int threads = 4;
        int transfersEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < transfersEach; n++) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        UUID from = accounts.get(random.nextInt(accounts.size()));
                        UUID to = accounts.get((accounts.indexOf(from) + 1 + random.nextInt(accounts.size() - 1)) % accounts.size());
                        BigDecimal amount = BigDecimal.valueOf(random.nextInt(1, 50));
                        executor.transaction(tx -> transfer(tx, from, to, amount), Isolation.SERIALIZABLE);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        BigDecimal total = db.dsl().select(org.jooq.impl.DSL.sum(ACCOUNTS.BALANCE)).from(ACCOUNTS).fetchOne(0, BigDecimal.class);
        assertThat(total).isEqualByComparingTo("4000.00");
        assertThat(retries.get()).as("conflicts happened and were retried").isPositive();
        assertThat(retry.retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isZero();
    }

    private static void transfer(Executor tx, UUID from, UUID to, BigDecimal amount) {
        BigDecimal fromBalance = tx.dsl().select(ACCOUNTS.BALANCE).from(ACCOUNTS).where(ACCOUNTS.ID.eq(from)).fetchOne(ACCOUNTS.BALANCE);
        BigDecimal toBalance = tx.dsl().select(ACCOUNTS.BALANCE).from(ACCOUNTS).where(ACCOUNTS.ID.eq(to)).fetchOne(ACCOUNTS.BALANCE);
        if (fromBalance.compareTo(amount) < 0) {
            return;
        }
        tx.dsl().update(ACCOUNTS).set(ACCOUNTS.BALANCE, fromBalance.subtract(amount)).where(ACCOUNTS.ID.eq(from)).execute();
        tx.dsl().update(ACCOUNTS).set(ACCOUNTS.BALANCE, toBalance.add(amount)).where(ACCOUNTS.ID.eq(to)).execute();
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_backend_killed_mid_transaction_is_retried_and_nothing_is_half_written(TestDatabase db) {
        db.useTestSchema();
        KyseraRetry retry = KyseraRetry.of(FAST);
        Executor executor = executor(db, retry, List.of());
        boolean postgres = db.engine() == Engine.POSTGRES;
        AtomicInteger attempts = new AtomicInteger();
        executor.transaction(tx -> {
            insertUser(tx, 100L + attempts.incrementAndGet()); // a different row per attempt shows what survived
            if (attempts.get() == 1) {
                Object session = tx.dsl().fetchValue(postgres ? "select pg_backend_pid()" : "select connection_id()");
                db.dsl().execute(postgres ? "select pg_terminate_backend(" + session + ")" : "kill " + session);
                tx.dsl().fetchCount(USERS); // fails: the connection is gone
            }
        });
        assertThat(attempts).hasValue(2);
        assertThat(db.dsl().select(USERS.ID).from(USERS).fetch(USERS.ID)).as("only the second attempt's row").containsExactly(102L);
    }

    @MatrixTest
    void a_failed_attempt_leaves_nothing_behind(TestDatabase db) {
        db.useTestSchema();
        Executor executor = executor(db, KyseraRetry.of(FAST), List.of());
        AtomicInteger attempts = new AtomicInteger();
        long id = executor.transactionResult(tx -> {
            long mine = 200L + attempts.incrementAndGet();
            insertUser(tx, mine);
            if (attempts.get() < 3) {
                throw transientError(attempts.get() == 1 ? Kind.DEADLOCK : Kind.LOCK_TIMEOUT);
            }
            return mine;
        });
        assertThat(id).isEqualTo(203L);
        assertThat(db.dsl().select(USERS.ID).from(USERS).fetch(USERS.ID)).containsExactly(203L);
    }

    @MatrixTest
    void a_unique_violation_is_not_retried(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "taken@x", "first").execute();
        KyseraRetry retry = KyseraRetry.of(FAST);
        Executor executor = executor(db, retry, List.of());
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.transaction(tx -> {
            attempts.incrementAndGet();
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(2L, "taken@x", "second").execute();
        })).isInstanceOf(UniqueConstraintException.class);
        assertThat(attempts).hasValue(1);
        assertThat(retry.retry().getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.H2})
    void a_nested_transaction_is_never_retried_on_its_own_its_outermost_one_is(TestDatabase db) {
        db.useTestSchema();
        Executor executor = executor(db, KyseraRetry.of(FAST), List.of());
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();
        executor.transaction(tx -> {
            outer.incrementAndGet();
            insertUser(tx, 300L + outer.get());
            tx.transaction(nested -> {
                if (inner.incrementAndGet() == 1) {
                    throw transientError(Kind.SERIALIZATION_FAILURE);
                }
            });
        });
        assertThat(inner).as("the savepoint ran once per outer attempt").hasValue(2);
        assertThat(outer).hasValue(2);
        assertThat(db.dsl().select(USERS.ID).from(USERS).fetch(USERS.ID)).containsExactly(302L);
    }

    @MatrixTest(only = Engine.H2)
    void the_last_error_is_rethrown_unchanged_when_attempts_run_out(TestDatabase db) {
        Executor executor = executor(db, KyseraRetry.of(FAST), List.of());
        AtomicInteger attempts = new AtomicInteger();
        List<KyseraException> thrown = new ArrayList<>();
        assertThatThrownBy(() -> executor.transaction(tx -> {
            attempts.incrementAndGet();
            KyseraException error = transientError(Kind.DEADLOCK);
            thrown.add(error);
            throw error;
        })).isSameAs(thrown.getLast());
        assertThat(attempts).hasValue(3);
    }

    @MatrixTest(only = Engine.H2)
    void no_retry_starts_whose_wait_could_end_after_max_elapsed(TestDatabase db) {
        KyseraRetry retry = KyseraRetry.of(FAST.toBuilder().maxAttempts(10).initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5)).jitter(0).maxElapsed(Duration.ofMillis(300)).build());
        Executor executor = executor(db, retry, List.of());
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> executor.transaction(tx -> {
            attempts.incrementAndGet();
            throw transientError(Kind.LOCK_TIMEOUT);
        })).isInstanceOf(KyseraException.class);
        assertThat(attempts).as("waits of 200 ms, then 400 ms would pass 300 ms").hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /** An inner decorator that lets the attempt commit and then fails it, as a failing commit does. */
    private static UnaryOperator<TransactionRunner> failingCommit(Kind kind) {
        return delegate -> new TransactionRunner() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public <T> T run(TransactionRequest request, Function<Executor, T> block) {
                T result = delegate.run(request, block);
                if (calls.incrementAndGet() == 1) {
                    throw transientError(kind);
                }
                return result;
            }
        };
    }

    @MatrixTest(only = Engine.H2)
    void a_serialization_failure_at_commit_is_retried_but_a_connection_lost_at_commit_is_not_by_default(TestDatabase db) {
        AtomicInteger attempts = new AtomicInteger();
        Executor serialization = executor(db, KyseraRetry.of(FAST), List.of(failingCommit(Kind.SERIALIZATION_FAILURE)));
        serialization.transaction(tx -> attempts.incrementAndGet());
        assertThat(attempts).hasValue(2);

        attempts.set(0);
        Executor lost = executor(db, KyseraRetry.of(FAST), List.of(failingCommit(Kind.CONNECTION_LOST)));
        assertThatThrownBy(() -> lost.transaction(tx -> attempts.incrementAndGet()))
                .isInstanceOf(KyseraException.class).hasMessageContaining("CONNECTION_LOST");
        assertThat(attempts).as("the outcome of the commit is unknown: not retried").hasValue(1);

        attempts.set(0);
        Executor optedIn = executor(db, KyseraRetry.of(FAST.toBuilder().retryUncertainCommits(true).build()),
                List.of(failingCommit(Kind.CONNECTION_LOST)));
        optedIn.transaction(tx -> attempts.incrementAndGet());
        assertThat(attempts).hasValue(2);
    }

    @MatrixTest(only = Engine.H2)
    void an_open_circuit_is_not_retried(TestDatabase db) {
        Executor executor = executor(db, KyseraRetry.of(FAST), List.of());
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.transaction(tx -> {
            attempts.incrementAndGet();
            throw new CircuitOpenException("test", null);
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(1);
    }

    @MatrixTest(only = Engine.H2)
    void an_interrupt_during_the_backoff_ends_the_retries_and_stays_set(TestDatabase db) throws Exception {
        Executor executor = executor(db, KyseraRetry.of(FAST.toBuilder().maxAttempts(10).initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofSeconds(5)).build()), List.of());
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Boolean> interrupted = new java.util.concurrent.CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                executor.transaction(tx -> {
                    attempts.incrementAndGet();
                    throw transientError(Kind.DEADLOCK);
                });
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (attempts.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // now waiting out the 2.5 to 7.5 s backoff
        caller.interrupt();
        assertThat(thrown.get(2, TimeUnit.SECONDS)).isInstanceOf(KyseraException.class);
        assertThat(interrupted.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @MatrixTest(only = Engine.H2)
    void retry_outside_the_breaker_stops_as_soon_as_it_opens(TestDatabase db) {
        Faults.FaultyDataSource down = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.REFUSE);
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(CircuitBreakerOptions.builder().slidingWindowSize(3)
                .minimumNumberOfCalls(3).build());
        KyseraRetry retry = KyseraRetry.of(FAST.toBuilder().maxAttempts(10).build());
        AtomicInteger retries = countRetries(retry);
        Executor executor = Executor.builder().dataSource(down.dataSource(), db.dialect())
                .decorateTransactions(retry.decorator()).decorateTransactions(breaker.decorator()).build();
        assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS))).isInstanceOf(CircuitOpenException.class);
        assertThat(retries).as("three refused attempts open the breaker; the fourth fails fast and ends the retries").hasValue(3);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer did not arrive", e);
        }
    }
}
