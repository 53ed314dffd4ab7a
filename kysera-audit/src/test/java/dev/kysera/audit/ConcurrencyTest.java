package dev.kysera.audit;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Concurrent updates of one row: the pre-image is read locked, so the history is a chain. */
class ConcurrencyTest {

    static final int UPDATES = 50;

    // SQLite has one writer at a time and answers concurrent writers with SQLITE_BUSY instead of waiting for a row lock.
    @MatrixTest(except = Engine.SQLITE)
    void fifty_concurrent_updates_of_one_row_give_fifty_chained_entries(TestDatabase db) throws Exception {
        Fixtures.Audited a = Fixtures.audited(db);
        Fixtures.seedUsers(a, 1001);
        Executor executor = a.ann();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < UPDATES; i++) {
                int n = i;
                done.add(pool.submit(() -> executor.transaction(tx -> tx.dsl().update(USERS)
                        .set(USERS.VERSION, USERS.VERSION.plus(1)).set(USERS.NAME, "n" + n).where(USERS.ID.eq(1001L)).execute())));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        List<AuditEntry> history = a.log().history("users", 1001L);
        assertThat(history).hasSize(UPDATES + 1);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).operation()).isEqualTo(AuditOperation.UPDATE);
            assertThat(history.get(i).oldValues()).as("entry %d starts where entry %d ended", i, i - 1)
                    .isEqualTo(history.get(i - 1).newValues());
            assertThat(history.get(i).newValues()).containsEntry("version", (long) i);
        }
        assertThat(history).extracting(AuditEntry::transactionId).doesNotHaveDuplicates();
        assertThat(db.dsl().fetchValue(USERS.VERSION, USERS.ID.eq(1001L))).isEqualTo(UPDATES);
    }
}
