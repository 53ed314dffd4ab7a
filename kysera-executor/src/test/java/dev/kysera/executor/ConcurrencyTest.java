package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 25;

    /**
     * Eight threads, each with its own tenant, run the same query code at the same time through
     * derived executors of one root executor: each must only ever see its own tenant's row. (jOOQ
     * query objects themselves are not thread-safe, so each execution builds its own.)
     */
    @MatrixTest
    void threads_with_different_contexts_never_see_each_others_values(TestDatabase db) throws Exception {
        db.useTestSchema();
        for (int tenant = 1; tenant <= THREADS; tenant++) {
            db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                    .values(100L + tenant, "t" + tenant + "@example.com", "tenant-" + tenant, tenant).execute();
        }
        Executor root = Executor.of(db.dsl(), new TestPlugins.Tenant(false), new TestPlugins.SoftDelete(false));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int tenant = 1; tenant <= THREADS; tenant++) {
                Executor mine = root.with(TestPlugins.TENANT, tenant);
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> seen = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        seen.addAll(mine.dsl().select(USERS.NAME).from(USERS).fetch(USERS.NAME));
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (int tenant = 1; tenant <= THREADS; tenant++) {
                List<String> seen = results.get(tenant - 1).get(60, TimeUnit.SECONDS);
                assertThat(seen).hasSize(ROUNDS).containsOnly("tenant-" + tenant);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
