package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicaRoutingContract} on a throwaway MariaDB primary and replica ({@link MariaDbReplica}),
 * the replica held back with {@code MASTER_DELAY}; and the replica's health as its SQL thread
 * stops and its apply is delayed.
 */
class MariaDbReplicaRoutingTest extends ReplicaRoutingContract {

    private MariaDbReplica nodes;

    @Override
    ReplicaPair startNodes() throws Exception {
        nodes = MariaDbReplica.start(2);
        return nodes;
    }

    @Override
    SQLDialect dialect() {
        return SQLDialect.MARIADB;
    }

    @Override
    String onReplicaQuery() {
        return "SELECT @@server_id = 2";
    }

    /** Applies each event an hour after the primary wrote it: the lag is known and grows. */
    @Override
    void holdReplicaBack() throws Exception {
        delay(3600);
    }

    @Override
    void releaseReplica() throws Exception {
        delay(0);
    }

    private void delay(int seconds) throws Exception {
        nodes.onReplica("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = " + seconds + "; START SLAVE;");
    }

    private HealthCheck replicaHealth() {
        return HealthCheck.of(replicaPool, ReplicationLagTest.OPTIONS);
    }

    @Test
    void a_delayed_replica_is_degraded_then_unhealthy_and_healthy_once_it_caught_up() throws Exception {
        HealthCheck replica = replicaHealth();
        HealthReport caughtUp = ReplicationLagTest.until(replica, report -> report.isHealthy() && report.replicationLag().isPresent());
        assertThat(caughtUp.replicationLag()).hasValue(Duration.ZERO);
        holdReplicaBack();
        try {
            primary.transaction(tx -> tx.dsl().insertInto(ROUTED).columns(ID).values(30).execute());
            // Restarting the replica threads briefly reports the lag unknown (degraded too): wait for a known lag.
            HealthReport degraded = ReplicationLagTest.until(replica, report -> report.status() == HealthStatus.DEGRADED
                    && report.replicationLag().isPresent());
            assertThat(degraded.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(degraded.problems()).singleElement().asString().startsWith("replication lag ").endsWith("degraded from 1000 ms");
            HealthReport unhealthy = ReplicationLagTest.until(replica, report -> report.status() == HealthStatus.UNHEALTHY);
            assertThat(unhealthy.replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(Duration.ofSeconds(4)));
            assertThat(unhealthy.problems()).singleElement().asString().endsWith("unhealthy from 4000 ms");
            assertThat(count(nodes.replica(), 30)).as("the delayed replica has not applied the write").isZero();
        } finally {
            releaseReplica();
        }
        awaitOnReplica(30);
        HealthReport recovered = ReplicationLagTest.until(replica, report -> report.isHealthy() && report.replicationLag().isPresent());
        assertThat(recovered.replicationLag()).hasValue(Duration.ZERO);
        assertThat(recovered.problems()).isEmpty();
        primary.transaction(tx -> tx.dsl().deleteFrom(ROUTED).where(ID.eq(30)).execute());
    }

    @Test
    void a_replica_whose_sql_thread_stopped_is_degraded_with_the_lag_unknown_and_skipped_for_routing() throws Exception {
        HealthCheck replica = replicaHealth();
        ReplicationLagTest.until(replica, report -> report.isHealthy() && report.replicationLag().isPresent());
        awaitRoutable(true);
        nodes.onReplica("STOP SLAVE SQL_THREAD");
        try {
            HealthReport stopped = ReplicationLagTest.until(replica, report -> report.status() == HealthStatus.DEGRADED);
            assertThat(stopped.replicationLag()).isEmpty();
            assertThat(stopped.problems()).containsExactly("replica threads not running (Seconds_Behind_Master is NULL), lag unknown");
            awaitRoutable(false);
            assertThat(replicas.lastReadLag(0)).isEmpty();
            assertThat(readOnlyRead(1)).as("unknown lag: the primary serves").isEqualTo("false 1");
        } finally {
            nodes.onReplica("START SLAVE SQL_THREAD");
        }
        assertThat(ReplicationLagTest.until(replica, HealthReport::isHealthy).problems()).isEmpty();
        awaitRoutable(true);
    }

    @Test
    void the_primary_is_no_replica() {
        HealthReport ofPrimary = HealthCheck.of(primaryPool, ReplicationLagTest.OPTIONS).check();
        assertThat(ofPrimary.status()).as(ofPrimary.problems().toString()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(ofPrimary.replicationLag()).isEmpty();
        assertThat(ofPrimary.standbys()).as("the primary's view is read on PostgreSQL only").isEmpty();
    }
}
