package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.testsupport.ConnectionSource;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Function;
import org.jooq.impl.DSL;

/**
 * Every transaction passes the decoratable runner, and every failure to begin, commit or keep a
 * connection arrives as a Kysera exception, transient where retrying may succeed.
 */
class TransactionSeamTest {

    @MatrixTest
    void decorators_wrap_each_outermost_transaction_once_and_see_nested_ones_as_nested(TestDatabase db) {
        db.useTestSchema();
        List<String> seen = new ArrayList<>();
        Executor executor = Executor.builder().dsl(db.dsl()).decorateTransactions(delegate -> new TransactionRunner() {
            @Override
            public <T> T run(TransactionRequest request, Function<Executor, T> block) {
                seen.add(request.nested() ? "nested" : "outer " + request.isolationLevel().map(Enum::name).orElse("-"));
                return delegate.run(request, block);
            }
        }).build();
        int count = executor.transactionResult(tx -> tx.transactionResult(inner -> inner.dsl().fetchCount(USERS)),
                org.jooq.Isolation.SERIALIZABLE);
        assertThat(count).isZero();
        assertThat(seen).containsExactly("outer SERIALIZABLE", "nested");
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_commit_that_fails_arrives_typed(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("create table deferred_unique (id int, constraint deferred_unique_id unique (id) deferrable initially deferred)");
        Executor executor = Executor.of(db.dsl());
        assertThatThrownBy(() -> executor.transaction(tx -> {
            tx.dsl().execute("insert into deferred_unique values (1)");
            tx.dsl().execute("insert into deferred_unique values (1)");
        })).isInstanceOf(UniqueConstraintException.class);
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("deferred_unique")))).isZero();
    }

    @MatrixTest
    void a_connection_that_cannot_be_had_at_begin_arrives_typed_and_transient(TestDatabase db) {
        RefusingDataSource down = new RefusingDataSource();
        Executor executor = Executor.builder().dataSource(down, db.dialect()).build();
        assertThatThrownBy(() -> executor.transaction(tx -> { }))
                .isInstanceOf(TransientDatabaseException.class)
                .satisfies(e -> assertThat(((KyseraException) e).isTransient()).isTrue());
        down.asked.set(0);
        assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).isInstanceOf(TransientDatabaseException.class);
        assertThat(down.asked).as("a failed statement asks the data source once").hasValue(1);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_connection_lost_inside_a_transaction_arrives_typed_and_transient(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        String kill = db.engine() == Engine.POSTGRES ? "select pg_terminate_backend(pg_backend_pid())" : "kill connection_id()";
        assertThatThrownBy(() -> executor.transaction(tx -> {
            try {
                tx.dsl().execute(kill);
            } catch (KyseraException killed) {
                // MariaDB reports its own kill on this statement; PostgreSQL on the next one.
            }
            tx.dsl().fetchCount(USERS);
        })).isInstanceOf(KyseraException.class)
                .satisfies(e -> assertThat(((KyseraException) e).isTransient()).as(e.toString()).isTrue());
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_commit_on_a_connection_killed_meanwhile_arrives_typed_and_transient(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        boolean postgres = db.engine() == Engine.POSTGRES;
        assertThatThrownBy(() -> executor.transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(81L, "k@x", "killed").execute();
            Object session = tx.dsl().fetchValue(postgres ? "select pg_backend_pid()" : "select connection_id()");
            db.dsl().execute(postgres ? "select pg_terminate_backend(" + session + ")" : "kill " + session);
            sleepQuietly();
        })).isInstanceOf(KyseraException.class)
                .satisfies(e -> assertThat(((KyseraException) e).isTransient()).as(e.toString()).isTrue());
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    /** Lets the server finish ending the killed session before the commit is sent. */
    private static void sleepQuietly() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_serialization_conflict_at_write_or_commit_arrives_transient(TestDatabase db) throws Exception {
        db.useTestSchema();
        Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (long id : new long[] {71L, 72L}) {
                writers.add(threads.submit(() -> executor.transaction(tx -> {
                    tx.dsl().fetchCount(USERS);
                    await(bothRead);
                    tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, id + "@x", "writer").execute();
                }, org.jooq.Isolation.SERIALIZABLE)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> writer : writers) {
                try {
                    writer.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).as("write skew under SERIALIZABLE: one transaction loses").hasSize(1);
            assertThat(failures.getFirst()).isInstanceOf(TransientDatabaseException.class)
                    .satisfies(e -> assertThat(((KyseraException) e).isTransient()).isTrue());
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer did not arrive", e);
        }
    }

    /** A data source whose database is down; counts how often it is asked. */
    private static final class RefusingDataSource extends ConnectionSource {
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        protected Connection connect() throws SQLException {
            asked.incrementAndGet();
            throw new SQLTransientConnectionException("Connection refused", "08001");
        }
    }
}
