package dev.kysera.infra;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica as its primary sees it: one row of PostgreSQL's {@code pg_stat_replication}, or one
 * replica registered with a MySQL/MariaDB primary ({@code SHOW REPLICA HOSTS}), which knows neither
 * the replica's apply state nor its lag.
 *
 * @param name          PostgreSQL: the standby's {@code application_name} (from its {@code primary_conninfo});
 *                      MySQL/MariaDB: {@code server-id N}, the replica's {@code server_id}
 * @param address       PostgreSQL: the standby's address, or {@code null} for a Unix-socket connection;
 *                      MySQL/MariaDB: {@code host:port} the replica reports ({@code report_host}, else its
 *                      address, and its port), or {@code null} if it reports no host
 * @param state         PostgreSQL: the WAL sender's state ({@code streaming}, {@code catchup}, {@code startup},
 *                      {@code backup}, …); MySQL/MariaDB: {@code registered}
 * @param replayLagTime how long the standby took to replay recent WAL as the PostgreSQL primary measured it;
 *                      {@code null} when PostgreSQL has no measurement (a standby caught up and idle), and
 *                      always on MySQL/MariaDB (read the lag on the replica: {@link HealthReport#replicationLag()})
 */
public record StandbyStatus(String name, String address, String state, Duration replayLagTime) {

    /**
     * Checks the required components.
     *
     * @throws NullPointerException if {@code name} or {@code state} is null
     */
    public StandbyStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /**
     * {@link #replayLagTime()}, if the primary has a measurement.
     *
     * @return {@link #replayLagTime()}, if the primary has a measurement
     */
    public Optional<Duration> replayLag() {
        return Optional.ofNullable(replayLagTime);
    }
}
