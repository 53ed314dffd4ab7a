package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health checks answer within their timeout, whatever the database does, and read the pool without a connection. */
class HealthTest {

    /** Generous latency thresholds: the build machine is shared and slow. */
    private static final HealthOptions RELAXED = HealthOptions.builder().timeout(Duration.ofSeconds(5))
            .degradedLatency(Duration.ofSeconds(2)).unhealthyLatency(Duration.ofSeconds(4)).build();

    @MatrixTest
    void a_reachable_database_is_healthy_with_its_round_trip_and_pool_state(TestDatabase db) {
        HealthReport report = HealthCheck.of(db.dataSource(), RELAXED).check();
        assertThat(report.status()).as(report.problems().toString()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.isHealthy()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.error()).isEmpty();
        assertThat(report.failure()).isNull();
        assertThat(report.replicationLag()).as("no replica").isEmpty();
        assertThat(report.replicaLag()).isNull();
        assertThat(report.latency()).hasValueSatisfying(latency -> assertThat(latency).isPositive().isLessThan(Duration.ofSeconds(2)));
        assertThat(report.pool()).hasValueSatisfying(pool -> {
            assertThat(pool.max()).isEqualTo(10);
            assertThat(pool.total()).isPositive().isEqualTo(pool.active() + pool.idle());
            assertThat(pool.waiting()).isZero();
        });
    }

    @MatrixTest
    void a_database_that_never_answers_is_unhealthy_within_the_timeout(TestDatabase db) {
        Faults.FaultyDataSource hanging = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.HANG);
        HealthCheck health = HealthCheck.of(hanging.dataSource(), RELAXED.toBuilder().timeout(Duration.ofMillis(300))
                .degradedLatency(Duration.ofMillis(100)).unhealthyLatency(Duration.ofMillis(200)).build());
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HealthReport report = health.check();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(report.problems()).singleElement().asString().startsWith("no answer within PT0.3S");
            assertThat(report.pool()).as("read from the pool behind the wrapper").hasValueSatisfying(pool -> assertThat(pool.max()).isEqualTo(10));
        }
        assertThat(hanging.mostConcurrentRequests()).as("a hung probe is never stacked").isEqualTo(1);
    }

    @MatrixTest
    void a_refused_connection_is_unhealthy_with_the_error(TestDatabase db) {
        Faults.FaultyDataSource refusing = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.REFUSE);
        HealthReport report = HealthCheck.of(refusing.dataSource(), RELAXED).check();
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.error()).hasValueSatisfying(error -> assertThat(error).hasMessage("Connection refused"));
        assertThat(report.problems()).singleElement().asString().contains("Connection refused");
        assertThat(report.latency()).isEmpty();
    }

    @MatrixTest
    void a_slow_round_trip_is_degraded_then_unhealthy_past_its_threshold(TestDatabase db) {
        Faults.FaultyDataSource slow = new Faults.FaultyDataSource(db.dataSource()).delay(Duration.ofMillis(150));
        HealthOptions options = RELAXED.toBuilder().degradedLatency(Duration.ofMillis(100)).unhealthyLatency(Duration.ofSeconds(4)).build();
        HealthReport degraded = HealthCheck.of(slow.dataSource(), options).check();
        assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(degraded.problems()).singleElement().asString().contains("degraded from 100 ms");
        HealthReport unhealthy = HealthCheck.of(slow.dataSource(), options.toBuilder().unhealthyLatency(Duration.ofMillis(120)).build()).check();
        assertThat(unhealthy.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @MatrixTest
    void an_exhausted_pool_is_degraded_not_unreachable(TestDatabase db) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1000);
        try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
            HealthReport report = HealthCheck.of(pool, RELAXED.toBuilder().timeout(Duration.ofMillis(400))
                    .degradedLatency(Duration.ofMillis(100)).unhealthyLatency(Duration.ofMillis(200)).build()).check();
            assertThat(held.isClosed()).isFalse();
            assertThat(report.status()).as(report.problems().toString()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(report.pool()).hasValueSatisfying(state -> {
                assertThat(state.active()).isEqualTo(1);
                assertThat(state.max()).isEqualTo(1);
                assertThat(state.utilization()).isEqualTo(1.0);
            });
            assertThat(report.problems()).anySatisfy(problem -> assertThat(problem).contains("no pooled connection was free"));
        }
    }

    @MatrixTest
    void the_monitor_checks_periodically_never_overlapping_survives_its_listener_and_stops(TestDatabase db) throws Exception {
        Faults.FaultyDataSource slowish = new Faults.FaultyDataSource(db.dataSource()).delay(Duration.ofMillis(40));
        List<HealthReport> reports = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HealthMonitor monitor = HealthMonitor.start(HealthCheck.of(slowish.dataSource(), RELAXED), Duration.ofMillis(20), report -> {
            reports.add(report);
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener bug");
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reports.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(monitor.stop()).isTrue();
        assertThat(monitor.isRunning()).isFalse();
        int afterStop = reports.size();
        Thread.sleep(100);
        assertThat(reports).hasSize(afterStop).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(report -> assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY));
        assertThat(monitor.latest()).contains(reports.getLast());
        assertThat(slowish.mostConcurrentRequests()).as("checks never overlap").isEqualTo(1);
        assertThat(monitor.stop()).as("stopping again is harmless").isTrue();
    }

    @Test
    void options_are_validated_by_name() {
        assertThat(HealthOptions.defaults().toBuilder().build()).isEqualTo(HealthOptions.defaults());
        assertThatThrownBy(() -> HealthOptions.builder().timeout(Duration.ZERO).build()).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> HealthOptions.builder().degradedLatency(Duration.ofSeconds(2)).unhealthyLatency(Duration.ofSeconds(1)).build())
                .hasMessage("degradedLatency (PT2S) must not exceed unhealthyLatency (PT1S)");
        assertThatThrownBy(() -> HealthOptions.builder().unhealthyLatency(Duration.ofSeconds(3)).build())
                .hasMessage("unhealthyLatency (PT3S) must not exceed timeout (PT2S)");
        assertThatThrownBy(() -> HealthOptions.builder().poolSaturation(1.5).build()).hasMessage("poolSaturation must be in (0, 1], was 1.5");
        assertThatThrownBy(() -> HealthOptions.builder().validationQuery("").build()).hasMessage("validationQuery must not be blank");
        assertThatThrownBy(() -> HealthOptions.builder().degradedReplicationLag(Duration.ofMinutes(2)).build())
                .hasMessage("degradedReplicationLag (PT2M) must not exceed unhealthyReplicationLag (PT1M)");
        assertThatThrownBy(() -> HealthOptions.builder().unhealthyReplicationLag(Duration.ofSeconds(-1)).build())
                .hasMessage("unhealthyReplicationLag must be positive, was PT-1S");
        assertThatThrownBy(() -> HealthMonitor.start(HealthCheck.of(new Faults.FaultyDataSource(null).dataSource()), Duration.ZERO, r -> { }))
                .hasMessage("interval must be positive, was PT0S");
    }
}
