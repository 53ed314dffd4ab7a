package dev.kysera.infra;

import dev.kysera.infra.internal.Pools;
import dev.kysera.infra.internal.ReplicationLag;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A database health check: takes a connection from the data source and runs the validation query
 * on a virtual thread, waits for it at most {@link HealthOptions#timeout()}, and judges the round
 * trip and the pool's state (read from HikariCP without a connection) against the thresholds.
 *
 * <pre>{@code
 * HealthCheck health = HealthCheck.of(pool, HealthOptions.defaults());
 * HealthReport report = health.check();   // returns within the timeout, whatever the database does
 * }</pre>
 *
 * <p>{@link #check()} never throws for a database problem: a refused connection, a failing query
 * or no answer in time is {@link HealthStatus#UNHEALTHY} with the reason. A probe that hangs is not
 * started again: later checks (and concurrent ones) wait on the same probe, so a dead database
 * never piles up threads; one that outlived the timeout is interrupted. A probe that timed out
 * while the pool had no free connection reports {@link HealthStatus#DEGRADED} (saturated), not
 * unhealthy (unreachable). Thread-safe, no locks held during I/O.
 */
public final class HealthCheck {

    private final DataSource dataSource;
    private final HealthOptions options;
    private final AtomicReference<Probe> inFlight = new AtomicReference<>();

    private HealthCheck(DataSource dataSource, HealthOptions options) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A check of {@code dataSource} with these thresholds.
     *
     * @param dataSource the database to check (a HikariCP pool also reports its state)
     * @param options    the timeout and thresholds
     * @return a check of {@code dataSource} with these thresholds
     */
    public static HealthCheck of(DataSource dataSource, HealthOptions options) {
        return new HealthCheck(dataSource, options);
    }

    /**
     * A check of {@code dataSource} with {@link HealthOptions#defaults()}.
     *
     * @param dataSource the database to check (a HikariCP pool also reports its state)
     * @return a check of {@code dataSource} with {@link HealthOptions#defaults()}
     */
    public static HealthCheck of(DataSource dataSource) {
        return of(dataSource, HealthOptions.defaults());
    }

    /**
     * The thresholds.
     *
     * @return the thresholds
     */
    public HealthOptions options() {
        return options;
    }

    /**
     * Checks now; returns within {@link HealthOptions#timeout()} (plus scheduling noise).
     *
     * @return the report of this check
     */
    public HealthReport check() {
        Instant checkedAt = Instant.now();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Probe probe = probe();
        Duration latency = null;
        ReplicationLag replication = null;
        Throwable error = null;
        boolean timedOut = false;
        try {
            Answer answer = probe.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            latency = answer.latency();
            replication = answer.replication();
        } catch (TimeoutException late) {
            timedOut = true;
            if (System.nanoTime() - probe.startNanos() >= options.timeout().toNanos()) {
                probe.abandoned().set(true);
                probe.thread().interrupt();
            }
        } catch (ExecutionException failed) {
            timedOut = probe.abandoned().get(); // it failed because a check gave up on it
            error = timedOut ? null : failed.getCause();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            error = interrupted;
        }
        Optional<PoolState> pool = Pools.state(dataSource);
        List<String> problems = new ArrayList<>();
        HealthStatus status = judge(latency, error, timedOut, pool, problems);
        if (replication != null && replication.replica()) {
            status = worst(status, judgeReplication(replication, problems));
        }
        return new HealthReport(status, latency, pool.orElse(null), replication == null ? null : replication.lag(),
                replication == null ? List.of() : replication.standbys(), problems, error, checkedAt);
    }

    private static HealthStatus worst(HealthStatus a, HealthStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private HealthStatus judgeReplication(ReplicationLag replication, List<String> problems) {
        if (replication.problem() != null) {
            problems.add(replication.problem());
            return HealthStatus.DEGRADED;
        }
        Duration lag = replication.lag();
        if (lag.compareTo(options.unhealthyReplicationLag()) >= 0) {
            problems.add("replication lag " + lag.toMillis() + " ms, unhealthy from " + options.unhealthyReplicationLag().toMillis() + " ms");
            return HealthStatus.UNHEALTHY;
        }
        if (lag.compareTo(options.degradedReplicationLag()) >= 0) {
            problems.add("replication lag " + lag.toMillis() + " ms, degraded from " + options.degradedReplicationLag().toMillis() + " ms");
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }

    private HealthStatus judge(Duration latency, Throwable error, boolean timedOut, Optional<PoolState> pool, List<String> problems) {
        HealthStatus status = HealthStatus.HEALTHY;
        if (pool.isPresent()) {
            PoolState state = pool.get();
            if (state.waiting() > 0) {
                problems.add(state.waiting() + " thread(s) waiting for a connection (pool of " + state.max() + ")");
                status = HealthStatus.DEGRADED;
            }
            if (state.utilization() >= options.poolSaturation()) {
                problems.add("pool " + Math.round(state.utilization() * 100) + "% in use (" + state.active() + " of " + state.max() + ")");
                status = HealthStatus.DEGRADED;
            }
        }
        if (timedOut) {
            boolean saturated = pool.map(state -> state.active() >= state.max()).orElse(false);
            problems.add("no answer within " + options.timeout() + (saturated
                    ? " because no pooled connection was free; the database may be fine" : ""));
            return saturated ? HealthStatus.DEGRADED : HealthStatus.UNHEALTHY;
        }
        if (error != null) {
            problems.add("probe failed: " + error);
            return HealthStatus.UNHEALTHY;
        }
        if (latency.compareTo(options.unhealthyLatency()) >= 0) {
            problems.add("round trip " + latency.toMillis() + " ms, unhealthy from " + options.unhealthyLatency().toMillis() + " ms");
            return HealthStatus.UNHEALTHY;
        }
        if (latency.compareTo(options.degradedLatency()) >= 0) {
            problems.add("round trip " + latency.toMillis() + " ms, degraded from " + options.degradedLatency().toMillis() + " ms");
            return HealthStatus.DEGRADED;
        }
        return status;
    }

    /** The probe in flight, or a new one if none is. */
    private Probe probe() {
        while (true) {
            Probe current = inFlight.get();
            if (current != null && !current.answer().isDone()) {
                return current;
            }
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            Thread thread = Thread.ofVirtual().name("kysera-health-probe").unstarted(() -> {
                try {
                    answer.complete(roundTrip());
                } catch (Throwable failure) {
                    answer.completeExceptionally(failure);
                }
            });
            Probe fresh = new Probe(answer, thread, System.nanoTime(), new AtomicBoolean());
            if (inFlight.compareAndSet(current, fresh)) {
                thread.start();
                return fresh;
            }
        }
    }

    private Answer roundTrip() throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, options.timeout().toSeconds()));
                statement.execute(options.validationQuery());
            }
            // The round trip is the validation query's alone; the lag query is extra work of the probe.
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (!options.replication()) {
                return new Answer(latency, null);
            }
            try {
                return new Answer(latency, ReplicationLag.read(connection, (int) Math.max(1, options.timeout().toSeconds())));
            } catch (java.sql.SQLException refused) {
                return new Answer(latency, ReplicationLag.unknown("replication lag unreadable: " + refused.getMessage()
                        + " (HealthOptions.replication(false) turns the check off)"));
            }
        }
    }

    private record Answer(Duration latency, ReplicationLag replication) {
    }

    private record Probe(CompletableFuture<Answer> answer, Thread thread, long startNanos, AtomicBoolean abandoned) {
    }

    @Override
    public String toString() {
        return "HealthCheck" + options;
    }
}
