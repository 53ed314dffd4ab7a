package dev.kysera.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link HealthCheck#check()}. Components that may be unknown are nullable;
 * {@link #latency()}, {@link #pool()}, {@link #replicationLag()} and {@link #error()} give them as
 * {@code Optional}.
 *
 * @param status       healthy, degraded or unhealthy
 * @param roundTrip    the probe's round trip (taking a connection and running the validation query);
 *                     {@code null} if it did not answer
 * @param poolState    the pool's state, when the data source is a pool Kysera can read (HikariCP);
 *                     otherwise {@code null}
 * @param replicaLag   how far this node, a replica, is behind its primary; {@code null} if the node is
 *                     no replica, the lag is unknown (see {@link #problems()}) or the probe failed
 * @param standbys     on a primary, its replicas as it sees them: PostgreSQL's {@code pg_stat_replication}
 *                     (empty for a user without {@code pg_monitor}), the replicas registered with a
 *                     MySQL/MariaDB primary ({@code SHOW REPLICA HOSTS}; empty without the privilege to
 *                     run it); they do not change the status. Empty on replicas, SQLite and H2
 * @param problems     why the status is not {@link HealthStatus#HEALTHY}, one line each; empty if it is
 * @param failure      what the probe threw, if it failed; otherwise {@code null}
 * @param checkedAt    when the check began
 */
public record HealthReport(HealthStatus status, Duration roundTrip, PoolState poolState, Duration replicaLag, List<StandbyStatus> standbys, List<String> problems,
                           Throwable failure, Instant checkedAt) {

    /**
     * Copies the standbys and problems.
     *
     * @throws NullPointerException if {@code status}, {@code standbys}, {@code problems} or {@code checkedAt} is null
     */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        standbys = List.copyOf(standbys);
        problems = List.copyOf(problems);
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /**
     * Whether the status is {@link HealthStatus#HEALTHY}.
     *
     * @return whether the status is {@link HealthStatus#HEALTHY}
     */
    public boolean isHealthy() {
        return status == HealthStatus.HEALTHY;
    }

    /**
     * {@link #roundTrip()}, if the probe answered.
     *
     * @return {@link #roundTrip()}, if the probe answered
     */
    public Optional<Duration> latency() {
        return Optional.ofNullable(roundTrip);
    }

    /**
     * {@link #poolState()}, if the data source is a pool Kysera can read.
     *
     * @return {@link #poolState()}, if the data source is a pool Kysera can read
     */
    public Optional<PoolState> pool() {
        return Optional.ofNullable(poolState);
    }

    /**
     * {@link #replicaLag()}, if the node is a replica whose lag is known.
     *
     * @return {@link #replicaLag()}, if the node is a replica whose lag is known
     */
    public Optional<Duration> replicationLag() {
        return Optional.ofNullable(replicaLag);
    }

    /**
     * {@link #failure()}, if the probe failed.
     *
     * @return {@link #failure()}, if the probe failed
     */
    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }
}
