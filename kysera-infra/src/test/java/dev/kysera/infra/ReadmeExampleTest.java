package dev.kysera.infra;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, on every database; and a check that the README shows this code. */
class ReadmeExampleTest {

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) throws InterruptedException {
        db.useTestSchema();
        String jdbcUrl = db.jdbcUrl();
        SQLDialect dialect = db.dialect();
        AtomicReference<HealthReport> latest = new AtomicReference<>();

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        HikariDataSource pool = new HikariDataSource(config);

        GracefulShutdown shutdown = GracefulShutdown.create();
        KyseraRetry retry = KyseraRetry.of(RetryOptions.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(20)).build());
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(CircuitBreakerOptions.defaults());
        Executor executor = Executor.builder().dataSource(pool, dialect)
                .decorateTransactions(shutdown.decorator())   // outermost: refuses new work once shutdown has begun
                .decorateTransactions(retry.decorator())      // retries the whole transaction on transient errors
                .decorateTransactions(breaker.decorator())    // each attempt passes the breaker
                .guardStatements(retry.statementGuard())      // statements outside transactions: reads retried,
                .guardStatements(breaker.statementGuard())    // and each attempt passes the breaker
                .build();

        // The block is what is retried: database work of a failed attempt is rolled back with it.
        executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(1L, "ann@example.com", "Ann").execute());
        int users = executor.dsl().fetchCount(USERS);                  // autocommit: guarded, not routed through a transaction
        assertThat(users).isEqualTo(1);
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).as("the transaction and the statement").isEqualTo(2);

        HealthCheck health = HealthCheck.of(pool, HealthOptions.defaults());
        HealthReport report = health.check();                       // within 2 s, whatever the database does
        HealthMonitor monitor = HealthMonitor.start(health, Duration.ofSeconds(30), latest::set);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (latest.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(latest.get().status()).as("the monitor reported").isNotEqualTo(HealthStatus.UNHEALTHY);
        monitor.stop();
        ShutdownReport done = shutdown.shutdown(Duration.ofSeconds(30), executor, pool);

        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(1);
        assertThat(report.status()).as(report.problems().toString()).isNotEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.pool()).isPresent();
        assertThat(monitor.isRunning()).isFalse();
        assertThat(done.drained()).isTrue();
        assertThat(pool.isClosed()).isTrue();
        assertThat(executor.isClosed()).isTrue();
    }

    @Test
    void the_readme_shows_this_code() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/infra/ReadmeExampleTest.java")))
                .as("README lines not in this test").isEmpty();
    }
}
