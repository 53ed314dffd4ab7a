package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.UniqueConstraintException;
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
