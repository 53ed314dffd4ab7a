package dev.kysera.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link HealthCheck#check()}.
 *
 * @param status    healthy, degraded or unhealthy
 * @param latency   the probe's round trip (taking a connection and running the validation query),
 *                  if it answered
 * @param pool      the pool's state, when the data source is a pool Kysera can read (HikariCP)
 * @param problems  why the status is not {@link HealthStatus#HEALTHY}, one line each; empty if it is
 * @param error     what the probe threw, if it failed
 * @param checkedAt when the check began
 */
public record HealthReport(HealthStatus status, Optional<Duration> latency, Optional<PoolState> pool, List<String> problems,
                           Optional<Throwable> error, Instant checkedAt) {

    /** Copies the problems; every component is required. */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(pool, "pool");
        problems = List.copyOf(problems);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** Whether the status is {@link HealthStatus#HEALTHY}. */
    public boolean isHealthy() {
        return status == HealthStatus.HEALTHY;
    }
}
