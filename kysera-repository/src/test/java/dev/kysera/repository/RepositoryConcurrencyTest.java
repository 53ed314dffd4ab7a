package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Racing callers on real connections: the database, not luck, decides who wins. */
class RepositoryConcurrencyTest {

    private static <R> List<Future<R>> race(int callers, Callable<R> call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<R>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @MatrixTest
    void two_callers_creating_the_same_unique_key_get_exactly_one_unique_error(TestDatabase db) throws Exception {
        var users = RepositoryTest.users(db);
        List<Future<RepositoryTest.User>> results = race(2, () -> users.create(new RepositoryTest.NewUser("same@example.com", "Same")));
        int created = 0;
        int rejected = 0;
        for (Future<RepositoryTest.User> result : results) {
            try {
                result.get();
                created++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(UniqueConstraintException.class);
                rejected++;
            }
        }
        assertThat(created).isEqualTo(1);
        assertThat(rejected).isEqualTo(1);
        assertThat(users.count(USERS.EMAIL.eq("same@example.com"))).isEqualTo(1);
    }

    @MatrixTest
    void of_racing_status_transitions_exactly_one_succeeds(TestDatabase db) throws Exception {
        var users = RepositoryTest.users(db);
        long id = users.create(new RepositoryTest.NewUser("job@example.com", "Job")).id();
        List<Future<TransitionResult<RepositoryTest.User>>> results = race(4, () -> retryingBusy(
                () -> users.transition(id, USERS.STATUS, "active", "suspended")));
        int winners = 0;
        for (Future<TransitionResult<RepositoryTest.User>> result : results) {
            if (result.get().applied().isPresent()) {
                winners++;
            }
        }
        assertThat(winners).isEqualTo(1);
        assertThat(users.findById(id)).map(RepositoryTest.User::status).contains("suspended");
    }

    /** SQLite lets one writer in at a time; a busy loser may retry, as the error says it is transient. */
    @MatrixTest
    void of_racing_writers_at_the_same_version_exactly_one_wins_and_the_others_get_an_optimistic_lock_error(TestDatabase db)
            throws Exception {
        var users = RepositoryTest.users(db);
        long id = users.create(new RepositoryTest.NewUser("race@example.com", "Race")).id();
        java.util.concurrent.atomic.AtomicInteger caller = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<RepositoryTest.User>> results = race(4, () -> {
            String name = "writer " + caller.incrementAndGet();
            return retryingBusy(() -> users.update(id, 0, Values.of(USERS.NAME, name)));
        });
        List<RepositoryTest.User> winners = new ArrayList<>();
        int stale = 0;
        for (Future<RepositoryTest.User> result : results) {
            try {
                winners.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(OptimisticLockException.class);
                stale++;
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(stale).isEqualTo(3);
        assertThat(winners.getFirst().version()).isEqualTo(1);
        assertThat(users.findById(id)).contains(winners.getFirst());
    }

    @MatrixTest
    void concurrent_unchecked_updates_lose_no_version_increment(TestDatabase db) throws Exception {
        var users = RepositoryTest.users(db);
        long id = users.create(new RepositoryTest.NewUser("counter@example.com", "Counter")).id();
        List<Future<Integer>> results = race(4, () -> {
            for (int i = 0; i < 5; i++) {
                retryingBusy(() -> users.update(id, Values.of(USERS.NAME, "n")));
            }
            return 5;
        });
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(5);
        }
        assertThat(db.dsl().select(USERS.VERSION).from(USERS).where(USERS.ID.eq(id)).fetchOne(USERS.VERSION)).isEqualTo(20);
    }

    /**
     * Transaction A reads the row (on MariaDB that pins its snapshot), B moves it on and commits, then
     * A's transition is refused: the row it reports is B's, not A's snapshot. SQLite cannot get there:
     * A's write on a stale snapshot fails as transient.
     */
    @MatrixTest
    void a_rejected_transition_reports_the_row_as_committed_now_not_the_transactions_snapshot(TestDatabase db) throws Exception {
        var users = RepositoryTest.users(db);
        long id = users.create(new RepositoryTest.NewUser("snapshot@example.com", "Snapshot")).id();
        CountDownLatch read = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<TransitionResult<RepositoryTest.User>> mover = other.submit(() -> {
                assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
                return users.transition(id, USERS.STATUS, "active", "suspended");
            });
            Callable<TransitionResult<RepositoryTest.User>> refused = () -> users.executor().transactionResult(tx -> {
                var bound = users.with(tx);
                assertThat(bound.findById(id)).map(RepositoryTest.User::status).contains("active");
                read.countDown();
                assertThat(waitFor(() -> mover.get(30, TimeUnit.SECONDS)).applied()).isPresent();
                return bound.transition(id, USERS.STATUS, "active", "closed");
            });
            if (db.engine() == Engine.SQLITE) {
                assertThatThrownBy(refused::call).isInstanceOfSatisfying(KyseraException.class, e -> assertThat(e.isTransient()).isTrue());
            } else {
                assertThat(refused.call()).isInstanceOfSatisfying(TransitionResult.Rejected.class, rejected -> assertThat(rejected.current())
                        .isEqualTo(new RepositoryTest.User(id, "snapshot@example.com", "Snapshot", "suspended", 1)));
            }
            assertThat(users.findById(id)).map(RepositoryTest.User::status).contains("suspended");
        } finally {
            other.shutdownNow();
        }
    }

    /** Inside a transaction the rejected row stays as reported: another writer waits, and a transition from it applies. */
    @MatrixTest
    void a_rejected_transition_locks_the_row_it_reports_until_the_transaction_ends(TestDatabase db) throws Exception {
        var users = RepositoryTest.users(db);
        long id = users.create(new RepositoryTest.NewUser("locked@example.com", "Locked")).id();
        users.transition(id, USERS.STATUS, "active", "suspended");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<TransitionResult<RepositoryTest.User>> waiting = users.executor().transactionResult(tx -> {
                var bound = users.with(tx);
                var rejected = bound.transition(id, USERS.STATUS, "active", "closed");
                assertThat(rejected).isInstanceOf(TransitionResult.Rejected.class);
                Future<TransitionResult<RepositoryTest.User>> competitor = other.submit(
                        () -> retryingBusy(() -> users.transition(id, USERS.STATUS, "suspended", "active")));
                waitFor(() -> {
                    Thread.sleep(500);
                    return null;
                });
                assertThat(competitor.isDone()).as(() -> "the competitor waits for the lock on " + db.engine() + ": " + competitor.state()
                        + " " + (competitor.state() == Future.State.FAILED ? competitor.exceptionNow() : "")).isFalse();
                assertThat(bound.transition(id, USERS.STATUS, "suspended", "closed").applied()).isPresent();
                return competitor;
            });
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(TransitionResult.Rejected.class,
                    rejected -> assertThat(((RepositoryTest.User) rejected.current()).status()).isEqualTo("closed"));
        } finally {
            other.shutdownNow();
        }
    }

    /** Inside a transaction's lambda, which cannot throw checked exceptions. */
    private static <R> R waitFor(Callable<R> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <R> R retryingBusy(Callable<R> call) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (KyseraException e) {
                if (!e.isTransient() || attempt == 20) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
