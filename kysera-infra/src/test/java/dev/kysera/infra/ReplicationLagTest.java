package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replication lag read from a real streaming replica: a throwaway PostgreSQL primary and a replica
 * of it ({@link StreamingReplica}), replay paused and resumed on the replica to make real lag.
 */
@Timeout(180)
class ReplicationLagTest {

    static final HealthOptions OPTIONS = HealthOptions.builder().timeout(Duration.ofSeconds(5))
            .degradedLatency(Duration.ofSeconds(2)).unhealthyLatency(Duration.ofSeconds(4))
            .degradedReplicationLag(Duration.ofSeconds(1)).unhealthyReplicationLag(Duration.ofSeconds(4)).build();

    private static StreamingReplica nodes;
    private static HikariDataSource primaryPool;
    private static HikariDataSource replicaPool;

    @BeforeAll
    static void start() throws Exception {
        nodes = StreamingReplica.start();
        primaryPool = Nodes.pool(nodes.primaryUrl());
        replicaPool = Nodes.pool(nodes.replicaUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (primaryPool != null) {
                primaryPool.close();
            }
            if (replicaPool != null) {
                replicaPool.close();
            }
        } finally {
            if (nodes != null) {
                nodes.close();
            }
        }
    }

    @Test
    void a_replica_reports_its_lag_degraded_then_unhealthy_while_replay_is_paused_and_healthy_once_caught_up() throws Exception {
        HealthCheck primary = HealthCheck.of(primaryPool, OPTIONS);
        HealthCheck replica = HealthCheck.of(replicaPool, OPTIONS);
        execute(nodes.primary(), "CREATE TABLE beats (id int PRIMARY KEY)", "INSERT INTO beats VALUES (1)");
        awaitRows(1);

        HealthReport caughtUp = until(replica, report -> report.isHealthy() && report.replicationLag().isPresent());
        assertThat(caughtUp.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isLessThan(Duration.ofSeconds(1)));
        HealthReport ofPrimary = primary.check();
        assertThat(ofPrimary.status()).as(ofPrimary.problems().toString()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(ofPrimary.replicationLag()).as("the primary is no replica").isEmpty();

        execute(nodes.replica(), "SELECT pg_wal_replay_pause()");
        execute(nodes.primary(), "INSERT INTO beats VALUES (2)");
        HealthReport degraded = until(replica, report -> report.status() == HealthStatus.DEGRADED);
        assertThat(degraded.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(degraded.problems()).singleElement().asString().startsWith("replication lag ").endsWith("degraded from 1000 ms");
        HealthReport unhealthy = until(replica, report -> report.status() == HealthStatus.UNHEALTHY);
        assertThat(unhealthy.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(Duration.ofSeconds(4)));
        assertThat(unhealthy.problems()).singleElement().asString().endsWith("unhealthy from 4000 ms");
        assertThat(count(nodes.replica())).as("the paused replica has not replayed the write").isEqualTo(1);

        execute(nodes.replica(), "SELECT pg_wal_replay_resume()");
        awaitRows(2);
        HealthReport recovered = until(replica, HealthReport::isHealthy);
        assertThat(recovered.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isLessThan(Duration.ofSeconds(1)));
        assertThat(recovered.problems()).isEmpty();
    }

    @Test
    void a_replica_without_its_primary_is_degraded_with_the_lag_unknown() throws Exception {
        // Runs after the other test or before it: JUnit's default order is deterministic but not
        // declared, so this one starts its own pair rather than stopping the shared primary.
        try (StreamingReplica pair = StreamingReplica.start(); HikariDataSource pool = Nodes.pool(pair.replicaUrl())) {
            HealthCheck replica = HealthCheck.of(pool, OPTIONS);
            until(replica, report -> report.isHealthy() && report.replicationLag().isPresent());
            pair.stopPrimary();
            HealthReport orphan = until(replica, report -> report.status() == HealthStatus.DEGRADED);
            assertThat(orphan.replicationLag()).isEmpty();
            assertThat(orphan.problems()).singleElement().asString().startsWith("replica not streaming from its primary");
        }
    }

    /** Checks every 100 ms until the report matches, for at most 30 s. */
    static HealthReport until(HealthCheck check, Predicate<HealthReport> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HealthReport report = check.check();
        while (!wanted.test(report)) {
            assertThat(System.nanoTime()).as("last report: %s", report).isLessThan(deadline);
            Thread.sleep(100);
            report = check.check();
        }
        return report;
    }

    private static void awaitRows(int rows) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tryCount() != rows) {
            assertThat(System.nanoTime()).as("replica never saw %d row(s)", rows).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int tryCount() {
        try {
            return count(nodes.replica());
        } catch (Exception notYet) {
            return -1; // the table itself has not been replayed yet
        }
    }

    private static int count(Connection connection) throws Exception {
        try (connection; Statement statement = connection.createStatement(); var rows = statement.executeQuery("SELECT count(*) FROM beats")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(Connection connection, String... sql) throws Exception {
        try (connection; Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
