package dev.kysera.infra;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.TransientDatabaseException.Kind;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.impl.DSL;

/**
 * Statements run outside a transaction (autocommit) pass the breaker and the retry through
 * {@link Executor.Builder#guardStatements}, without {@code execute(…)} around them.
 */
class StatementGuardTest {

    private static final CircuitBreakerOptions SMALL = CircuitBreakerOptions.builder().slidingWindowSize(4).minimumNumberOfCalls(4)
            .failureRateThreshold(50).waitInOpenState(Duration.ofMillis(300)).probesInHalfOpenState(1).build();
    private static final RetryOptions FAST = RetryOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20)).build();

    private static Executor guarded(TestDatabase db, DataSource dataSource, KyseraRetry retry, KyseraCircuitBreaker breaker) {
        Executor.Builder builder = Executor.builder().dataSource(dataSource, db.dialect());
        if (retry != null) {
            builder.guardStatements(retry.statementGuard());
        }
        return builder.guardStatements(breaker.statementGuard()).build();
    }

    private static int retries(KyseraRetry retry) {
        return (int) retry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();
    }

    @MatrixTest
    void refused_connections_open_it_for_autocommit_statements_and_it_closes_after_recovery(TestDatabase db) throws Exception {
        db.useTestSchema();
        Faults.FaultyDataSource dataSource = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.REFUSE);
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        Executor executor = guarded(db, dataSource.dataSource(), null, breaker);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).isInstanceOf(TransientDatabaseException.class)
                    .satisfies(e -> assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST));
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        int requestsWhenOpened = dataSource.requests();
        assertThatThrownBy(() -> executor.dsl().selectFrom(USERS).fetch()).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute())
                .isInstanceOf(CircuitOpenException.class);
        assertThat(dataSource.requests()).as("an open breaker does not touch the pool").isEqualTo(requestsWhenOpened);

        dataSource.mode(Faults.Mode.UP);
        Thread.sleep(400);
        assertThat(executor.dsl().fetchCount(USERS)).isZero();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    @MatrixTest
    void answers_of_the_database_never_open_it_and_statements_inside_transactions_are_not_counted(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "taken@x", "first").execute();
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        Executor executor = guarded(db, db.dataSource(), null, breaker);
        for (int i = 0; i < 3; i++) {
            long id = 10L + i;
            assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, "taken@x", "again")
                    .execute()).isInstanceOf(UniqueConstraintException.class);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(3);
        executor.transaction(tx -> tx.dsl().fetchCount(USERS));
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).as("not the transaction's statement").isEqualTo(3);
        assertThat(db.dsl().select(USERS.ID).from(USERS).fetch(USERS.ID)).containsExactly(1L);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_database_that_goes_away_behind_a_proxy_opens_it_for_autocommit_statements_and_it_closes_once_back(TestDatabase db)
            throws Exception {
        db.useTestSchema();
        try (LoopbackProxy proxy = LoopbackProxy.before(db)) {
            try (HikariDataSource pool = proxy.pool(db)) {
                // long enough that a loaded machine cannot reach half-open before the fail-fast check
                KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL.toBuilder().waitInOpenState(Duration.ofSeconds(3)).build());
                Executor executor = guarded(db, pool, null, breaker);
                assertThat(executor.dsl().fetchCount(USERS)).isZero();

                proxy.stop();
                int failures = 0;
                while (breaker.state() != State.OPEN && failures < 4) {
                    failures++;
                    assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).isInstanceOf(TransientDatabaseException.class)
                            .satisfies(e -> assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST));
                }
                assertThat(breaker.state()).isEqualTo(State.OPEN);
                long start = System.nanoTime();
                assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).isInstanceOf(CircuitOpenException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, without the pool's 3 s connection timeout").isLessThan(Duration.ofSeconds(1));

                proxy.start();
                Integer after = LoopbackProxy.untilRecovered(() -> executor.dsl().fetchCount(USERS));
                assertThat(after).as("recovered within 15 s").isZero();
                assertThat(breaker.state()).isEqualTo(State.CLOSED);
            }
        }
    }

    @MatrixTest
    void an_autocommit_read_that_lost_its_connection_is_retried_and_each_attempt_passes_the_breaker(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute();
        Faults.FlakyStatements flaky = new Faults.FlakyStatements(db.dataSource());
        KyseraRetry retry = KyseraRetry.of(FAST);
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL.toBuilder().slidingWindowSize(20).minimumNumberOfCalls(20).build());
        Executor executor = guarded(db, flaky.dataSource(), retry, breaker);

        flaky.failNext(2);
        assertThat(executor.dsl().select(USERS.EMAIL).from(USERS).fetch(USERS.EMAIL)).containsExactly("a@x");
        assertThat(flaky.executions()).isEqualTo(3);
        assertThat(retries(retry)).isEqualTo(1);
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).as("two failed attempts").isEqualTo(2);
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);

        flaky.failNext(3);
        assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).as("three attempts in all, then the last error")
                .isInstanceOf(TransientDatabaseException.class)
                .satisfies(e -> assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST));
        assertThat(flaky.executions()).isEqualTo(6);
    }

    @MatrixTest
    void an_autocommit_write_is_not_retried_unless_asked_for(TestDatabase db) {
        db.useTestSchema();
        Faults.FlakyStatements flaky = new Faults.FlakyStatements(db.dataSource());
        KyseraRetry retry = KyseraRetry.of(FAST);
        Executor executor = guarded(db, flaky.dataSource(), retry, KyseraCircuitBreaker.of(SMALL));
        flaky.failNext(1);
        assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute())
                .isInstanceOf(TransientDatabaseException.class);
        assertThat(flaky.executions()).isEqualTo(1);
        assertThat(db.dsl().fetchCount(USERS)).isZero();

        KyseraRetry writes = KyseraRetry.of(FAST.toBuilder().retryAutocommitWrites(true).build());
        Executor optedIn = guarded(db, flaky.dataSource(), writes, KyseraCircuitBreaker.of(SMALL));
        flaky.failNext(1);
        int inserted = optedIn.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(2L, "b@x", "B").execute();
        assertThat(inserted).isEqualTo(1);
        assertThat(retries(writes)).isEqualTo(1);
        assertThat(db.dsl().select(USERS.ID).from(USERS).fetch(USERS.ID)).containsExactly(2L);
    }

    /**
     * A write the database rolled back (deadlock victim, serialization failure, lock wait timeout, busy)
     * did not apply, so it is retried without opting in (a lost connection is not:
     * {@link #an_autocommit_write_is_not_retried_unless_asked_for}).
     */
    @MatrixTest
    void an_autocommit_write_the_database_rolled_back_is_retried(TestDatabase db) {
        db.useTestSchema();
        Faults.FlakyStatements flaky = new Faults.FlakyStatements(db.dataSource());
        KyseraRetry retry = KyseraRetry.of(FAST);
        Executor executor = guarded(db, flaky.dataSource(), retry, KyseraCircuitBreaker.of(SMALL));
        flaky.failNextRolledBack(2);
        int inserted = executor.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute();
        assertThat(inserted).isEqualTo(1);
        assertThat(flaky.executions()).isEqualTo(3);
        assertThat(retries(retry)).isEqualTo(1);

        Runnable update = () -> executor.dsl().update(USERS).set(USERS.NAME, USERS.NAME.concat("+")).where(USERS.ID.eq(1L)).execute();
        int before = flaky.executions();
        flaky.failNextRolledBack(3);
        assertThatThrownBy(update::run).isInstanceOf(TransientDatabaseException.class)
                .satisfies(e -> assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.SERIALIZATION_FAILURE));
        assertThat(flaky.executions() - before).as("three attempts, all rolled back").isEqualTo(3);
        assertThat(db.dsl().select(USERS.NAME).from(USERS).fetch(USERS.NAME)).containsExactly("A");
    }

    @MatrixTest
    void an_open_circuit_ends_the_retries_of_a_statement_at_once(TestDatabase db) {
        db.useTestSchema();
        Faults.FlakyStatements flaky = new Faults.FlakyStatements(db.dataSource());
        KyseraRetry retry = KyseraRetry.of(FAST.toBuilder().maxAttempts(10).build());
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(CircuitBreakerOptions.builder().slidingWindowSize(2).minimumNumberOfCalls(2)
                .failureRateThreshold(50).waitInOpenState(Duration.ofSeconds(30)).build());
        Executor executor = guarded(db, flaky.dataSource(), retry, breaker);
        flaky.failNext(100);
        assertThatThrownBy(() -> executor.dsl().fetchCount(USERS)).isInstanceOf(CircuitOpenException.class);
        assertThat(flaky.executions()).as("two failed attempts opened it; the third was refused").isEqualTo(2);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void an_autocommit_read_whose_backend_is_killed_mid_query_is_retried(TestDatabase db) throws Exception {
        db.useTestSchema();
        boolean postgres = db.engine() == Engine.POSTGRES;
        String marker = "kysera_marker_" + Long.toHexString(System.nanoTime());
        var slowRead = postgres ? DSL.select(DSL.inline(42).as(marker)).from(DSL.table("(select pg_sleep(1)) s"))
                : DSL.select(DSL.field("42 + sleep(1)", Integer.class).as(marker));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(3000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            KyseraRetry retry = KyseraRetry.of(FAST);
            Executor executor = guarded(db, pool, retry, KyseraCircuitBreaker.of(SMALL));
            AtomicInteger killed = new AtomicInteger();
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (killed.get() == 0 && System.nanoTime() < deadline) {
                    Object session = db.dsl().fetchValue(postgres
                            ? "select pid from pg_stat_activity where query like '%" + marker + "%' and query not like '%pg_stat_activity%' limit 1"
                            : "select id from information_schema.processlist where info like '%" + marker + "%' and info not like '%processlist%' limit 1");
                    if (session != null) {
                        db.dsl().execute(postgres ? "select pg_terminate_backend(" + session + ")" : "kill " + session);
                        killed.incrementAndGet();
                    }
                }
            });
            Integer answer = executor.dsl().fetchSingle(slowRead).get(0, Integer.class);
            killer.get(15, TimeUnit.SECONDS);
            assertThat(killed).hasValue(1);
            assertThat(answer).isEqualTo(42);
            assertThat(retries(retry)).isEqualTo(1);
        }
    }
}
