package dev.kysera.infra;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica as its PostgreSQL primary sees it (one row of {@code pg_stat_replication}).
 *
 * @param name          the standby's {@code application_name} (from its {@code primary_conninfo})
 * @param address       the standby's address, or {@code null} for a Unix-socket connection
 * @param state         the WAL sender's state: {@code streaming}, {@code catchup}, {@code startup}, {@code backup}, …
 * @param replayLagTime how long the standby took to replay recent WAL as the primary measured it;
 *                      {@code null} when PostgreSQL has no measurement (a standby caught up and idle)
 */
public record StandbyStatus(String name, String address, String state, Duration replayLagTime) {

    /** @throws NullPointerException if {@code name} or {@code state} is null */
    public StandbyStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /** {@link #replayLagTime()}, if the primary has a measurement. */
    public Optional<Duration> replayLag() {
        return Optional.ofNullable(replayLagTime);
    }
}
