package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicaRoutingContract} on a throwaway PostgreSQL primary and a {@code pg_basebackup -R}
 * streaming replica ({@link StreamingReplica}); the replica is held back with {@code pg_wal_replay_pause()}.
 */
class PostgresReplicaRoutingTest extends ReplicaRoutingContract {

    private StreamingReplica nodes;

    @Override
    ReplicaPair startNodes() throws Exception {
        nodes = StreamingReplica.start();
        return nodes;
    }

    @Override
    SQLDialect dialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    String onReplicaExpression() {
        return "pg_is_in_recovery()";
    }

    @Override
    void holdReplicaBack() throws Exception {
        execute(nodes.replica(), "SELECT pg_wal_replay_pause()");
    }

    @Override
    void releaseReplica() throws Exception {
        execute(nodes.replica(), "SELECT pg_wal_replay_resume()");
    }

    @Test
    void the_primary_health_lists_its_streaming_standby() {
        await("the standby streams", () -> replicas.health().getFirst().report().standbys().stream()
                .anyMatch(standby -> standby.state().equals("streaming")));
        HealthReport ofPrimary = replicas.health().getFirst().report();
        assertThat(ofPrimary.standbys()).singleElement().satisfies(standby -> {
            assertThat(standby.state()).isEqualTo("streaming");
            assertThat(standby.address()).isEqualTo("127.0.0.1");
            assertThat(standby.name()).isNotBlank();
        });
        assertThat(ofPrimary.status()).as(ofPrimary.problems().toString()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(replicas.health().get(1).report().standbys()).as("the replica has none").isEmpty();
    }
}
