package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kysera.core.error.KyseraException;
import dev.kysera.testsupport.ConnectionSource;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Concurrent runners, lock timeouts and crashed runners, on every database. */
class LockTest {

    private static final int COUNT = 5;

    /**
     * v1 creates {@code <p>_runs}; every version (v1 included) inserts its own row there, so a second run would show.
     * The checksum is fixed, so the migrator never dry-runs them (a dry run would reach the latch outside the lock).
     */
    private static List<Migration> counted(Fixture f, int blockAt, CountDownLatch entered, CountDownLatch release) {
        List<Migration> list = new ArrayList<>();
        for (int v = 1; v <= COUNT; v++) {
            list.add(new Counted(f.prefix + "_runs", v, v == blockAt ? entered : null, release));
        }
        return list;
    }

    /** Migrations whose version 2 waits, on its first real run, until released. */
    private record Blocking(CountDownLatch entered, CountDownLatch release, Migration[] migrations) {
        static Blocking atVersion2(Fixture f) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            return new Blocking(entered, release, counted(f, 2, entered, release).toArray(Migration[]::new));
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private record Counted(String runs, int number, CountDownLatch entered, CountDownLatch release) implements Migration {
        @Override
        public MigrationVersion version() {
            return MigrationVersion.of(String.valueOf(number));
        }

        @Override
        public String name() {
            return "step " + number;
        }

        @Override
        public void up(MigrationContext ctx) throws InterruptedException {
            if (number == 1) {
                ctx.dsl().createTable(runs).column("version", SQLDataType.INTEGER.notNull()).execute();
            }
            if (entered != null && entered.getCount() > 0) {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            // DSL.name spelled out: inside a Migration, name() is the migration's own
            ctx.dsl().insertInto(table(DSL.name(runs)), field(DSL.name("version"))).values(number).execute();
        }

        @Override
        public Optional<String> checksum() {
            return Optional.of("step-" + number);
        }
    }

    private static List<Integer> runs(Fixture f) {
        return f.db.dsl().select(field(name("version"), Integer.class)).from(table(name(f.prefix + "_runs")))
                .orderBy(field(name("version"))).fetch(0, Integer.class);
    }

    @MatrixTest
    void two_concurrent_runners_apply_each_migration_exactly_once(TestDatabase db) throws Exception {
        Fixture f = new Fixture(db);
        Migration[] migrations = counted(f, 0, new CountDownLatch(0), new CountDownLatch(0)).toArray(Migration[]::new);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrationResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Migrator migrator = Migrator.create(f.config(migrations).lockTimeout(Duration.ofSeconds(60)).build());
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return migrator.up();
                }));
            }
            List<MigrationVersion> applied = new ArrayList<>();
            for (Future<MigrationResult> result : results) {
                applied.addAll(result.get(90, TimeUnit.SECONDS).versions());
            }
            assertThat(applied).hasSize(COUNT).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs(f)).containsExactly(1, 2, 3, 4, 5);
        assertThat(f.historyRows()).extracting(r -> r.split("\\|")[0] + "|" + r.split("\\|")[5])
                .containsExactly("1|true", "2|true", "3|true", "4|true", "5|true");
    }

    @MatrixTest
    void waiting_for_the_lock_times_out_with_a_typed_error(TestDatabase db) throws Exception {
        Fixture f = new Fixture(db);
        Blocking blocking = Blocking.atVersion2(f);
        CountDownLatch release = blocking.release();
        Migration[] migrations = blocking.migrations();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrationResult> holder = pool.submit(() -> f.migrator(migrations).up());
            blocking.awaitEntered();

            Migrator impatient = Migrator.create(f.config(migrations)
                    .lockTimeout(Duration.ofMillis(500)).build());
            long started = System.nanoTime();
            MigrationLockException timeout = catchThrowableOfType(MigrationLockException.class, impatient::up);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(timeout.code()).isEqualTo("MIGRATION_LOCK_TIMEOUT");
            assertThat(timeout.isTransient()).isTrue();
            assertThat(timeout.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(took).isLessThan(Duration.ofSeconds(10));

            release.countDown();
            assertThat(holder.get(60, TimeUnit.SECONDS).versions()).hasSize(COUNT);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(runs(f)).containsExactly(1, 2, 3, 4, 5);
    }

    @MatrixTest
    void a_runner_whose_connections_die_mid_run_leaves_no_lock(TestDatabase db) throws Exception {
        Fixture f = new Fixture(db);
        Blocking blocking = Blocking.atVersion2(f);
        CountDownLatch release = blocking.release();
        Migration[] migrations = blocking.migrations();
        KillableDataSource killable = new KillableDataSource(db.jdbcUrl());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Migrator crashing = Migrator.create(f.config(migrations).dataSource(killable).build());
            Future<MigrationResult> crashed = pool.submit(() -> crashing.up());
            blocking.awaitEntered();

            // the runner "dies": its sessions end while it holds the lock and is inside migration 2
            killable.killAll();

            Migrator survivor = Migrator.create(f.config(migrations)
                    .lockTimeout(Duration.ofSeconds(10)).build());
            long started = System.nanoTime();
            if (db.engine() == Engine.POSTGRES || db.engine() == Engine.SQLITE) {
                // migration 2 was rolled back with the dead session
                assertThat(survivor.up().versions()).extracting(MigrationVersion::toString).containsExactly("2", "3", "4", "5");
            } else {
                // DDL commits implicitly: migration 2 is recorded as not succeeded, and up says so at once
                PendingRepairException refused = catchThrowableOfType(PendingRepairException.class, survivor::up);
                assertThat(refused.versions()).containsExactly(MigrationVersion.of("2"));
                assertThat(survivor.repair().removedFailed()).containsExactly(MigrationVersion.of("2"));
                assertThat(survivor.up().versions()).extracting(MigrationVersion::toString).containsExactly("2", "3", "4", "5");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

            release.countDown();
            Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> crashed.get(60, TimeUnit.SECONDS)).getCause();
            assertThat(failure).isInstanceOf(KyseraException.class);
        } finally {
            release.countDown();
            pool.shutdownNow();
            killable.killAll();
        }
        assertThat(runs(f)).containsExactly(1, 2, 3, 4, 5);
        assertThat(f.historyRows()).hasSize(COUNT);
    }

    /** Unpooled connections that the test can end from outside, as a crashing process would. */
    private static final class KillableDataSource extends ConnectionSource {
        private final String url;
        private final List<Connection> opened = new CopyOnWriteArrayList<>();

        KillableDataSource(String url) {
            this.url = url;
        }

        void killAll() {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already closed
                }
            }
        }

        @Override
        protected Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            opened.add(connection);
            return connection;
        }
    }
}
