package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;

import static org.jooq.impl.DSL.field;

import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.executor.Executor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Readonly;
import org.jooq.SQLDialect;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicaRoutingContract} on a throwaway MariaDB primary and replica ({@link MariaDbReplica}),
 * the replica held back with {@code MASTER_DELAY}; the replica's health as its SQL thread stops and
 * its apply is delayed; the primary's view of its replicas; and routing over two replicas, one of
 * them held back.
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
    String onReplicaExpression() {
        return "@@server_id = 2";
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
    void the_primary_is_no_replica_and_lists_the_replicas_registered_with_it() {
        HealthCheck primaryHealth = HealthCheck.of(primaryPool, ReplicationLagTest.OPTIONS);
        await("both replicas registered", () -> primaryHealth.check().standbys().size() == 2);
        HealthReport ofPrimary = primaryHealth.check();
        assertThat(ofPrimary.status()).as(ofPrimary.problems().toString()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(ofPrimary.replicationLag()).isEmpty();
        assertThat(ofPrimary.standbys()).extracting(StandbyStatus::name, StandbyStatus::address, StandbyStatus::state, StandbyStatus::replayLagTime)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("server-id 2", "127.0.0.1:" + nodes.replicaPort, "registered", null),
                        org.assertj.core.groups.Tuple.tuple("server-id 3", nodes.replicaUrl(2).replaceAll(".*//(.*)/app.*", "$1"), "registered", null));
        assertThat(HealthCheck.of(replicaPool, ReplicationLagTest.OPTIONS).check().standbys()).as("a replica lists none").isEmpty();
    }

    /** Replica 2 (server id 3) is registered first and held back; replica 1 (server id 2) serves every read. */
    @Test
    void of_two_replicas_the_one_behind_the_bound_is_skipped_and_the_other_serves() throws Exception {
        try (HikariDataSource secondPool = Nodes.pool(nodes.replicaUrl(2))) {
            Executor second = Executor.builder().dataSource(secondPool, SQLDialect.MARIADB).build();
            ReadReplicas two = ReadReplicas.builder().primary(primaryPool).replica(second, secondPool).replica(replica, replicaPool)
                    .maxReplicationLag(BOUND).lagCheckInterval(Duration.ofMillis(100)).healthOptions(ReplicationLagTest.OPTIONS).build();
            Executor routed = Executor.builder().dataSource(primaryPool, SQLDialect.MARIADB).decorateTransactions(two.decorator())
                    .guardStatements(two.statementGuard()).build();
            try {
                await("both replicas routable", () -> two.isRoutable(0) && two.isRoutable(1));
                assertThat(servers(routed)).as("round robin over both").containsOnly(2, 3).contains(2, 3);
                assertThat(two.health()).extracting(ReadReplicas.NodeHealth::name).containsExactly("primary", "replica-1", "replica-2");

                nodes.onReplica(2, "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 3600; START SLAVE;");
                try {
                    routed.transaction(tx -> tx.dsl().insertInto(ROUTED).columns(ID).values(50).execute());
                    await("replica 2 behind the bound", () -> !two.isRoutable(0));
                    awaitOnReplica(50);
                    await("replica 1 routable", () -> two.isRoutable(1));
                    assertThat(servers(routed)).as("only replica 1 serves").containsOnly(2);
                    assertThat(routed.<Integer>transactionResult(tx -> tx.dsl().fetchCount(ROUTED, ID.eq(50)), Readonly.READONLY)).isEqualTo(1);
                    assertThat(routed.dsl().fetchCount(ROUTED, ID.eq(50))).isEqualTo(1);
                } finally {
                    nodes.onReplica(2, "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE;");
                }
                routed.transaction(tx -> tx.dsl().deleteFrom(ROUTED).where(ID.eq(50)).execute());
            } finally {
                routed.close();
                second.close();
            }
        }
    }

    /** The server ids that served four read-only transactions and four selects outside transactions. */
    private static List<Integer> servers(Executor routed) {
        List<Integer> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(routed.transactionResult(tx -> tx.dsl().select(field("@@server_id", SQLDataType.INTEGER)).fetchSingle().value1(),
                    Readonly.READONLY));
            served.add(routed.dsl().select(field("@@server_id", SQLDataType.INTEGER)).fetchSingle().value1());
        }
        return served;
    }
}
