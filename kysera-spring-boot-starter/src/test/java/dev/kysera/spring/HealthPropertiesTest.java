package dev.kysera.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthOptions;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code kysera.health.*} reaches kysera-infra's health check, in real applications. */
class HealthPropertiesTest {

    private static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        return Apps.start(db, TransactionApp.class, WebApplicationType.NONE, properties);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_degraded_threshold_below_any_round_trip_reports_degraded_but_up(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.health.degraded-latency=1ns")) {
            Health health = app.getBean(KyseraHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("status", "DEGRADED");
            assertThat((List<?>) health.getDetails().get("problems")).singleElement().asString()
                    .matches("round trip \\d+ ms, degraded from 0 ms");
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void an_unhealthy_threshold_below_any_round_trip_reports_down(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.health.degraded-latency=1ns", "kysera.health.unhealthy-latency=1ns")) {
            Health health = app.getBean(KyseraHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("status", "UNHEALTHY");
            assertThat((List<?>) health.getDetails().get("problems")).singleElement().asString()
                    .matches("round trip \\d+ ms, unhealthy from 0 ms");
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void every_property_reaches_the_health_options(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.health.timeout=3s", "kysera.health.degraded-latency=200ms",
                "kysera.health.unhealthy-latency=2s", "kysera.health.pool-saturation=0.5", "kysera.health.validation-query=SELECT 2",
                "kysera.health.replication=false", "kysera.health.degraded-replication-lag=5s",
                "kysera.health.unhealthy-replication-lag=30s")) {
            HealthOptions expected = HealthOptions.builder().timeout(Duration.ofSeconds(3)).degradedLatency(Duration.ofMillis(200))
                    .unhealthyLatency(Duration.ofSeconds(2)).poolSaturation(0.5).validationQuery("SELECT 2").replication(false)
                    .degradedReplicationLag(Duration.ofSeconds(5)).unhealthyReplicationLag(Duration.ofSeconds(30)).build();
            assertThat(app.getBean(HealthCheck.class)).hasToString("HealthCheck" + expected);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_timeout_alone_lowers_the_default_thresholds_and_bad_combinations_fail_the_start(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.health.timeout=300ms")) {
            HealthOptions expected = HealthOptions.builder().timeout(Duration.ofMillis(300)).unhealthyLatency(Duration.ofMillis(300))
                    .degradedLatency(Duration.ofMillis(100)).build();
            assertThat(app.getBean(HealthCheck.class)).hasToString("HealthCheck" + expected);
        }
        assertThatThrownBy(() -> start(db, "kysera.health.degraded-latency=3s"))
                .hasStackTraceContaining("Invalid kysera.health.* property: degradedLatency (PT3S) must not exceed unhealthyLatency (PT1S)");
        assertThatThrownBy(() -> start(db, "kysera.health.pool-saturation=1.5"))
                .hasStackTraceContaining("Invalid kysera.health.* property: poolSaturation must be in (0, 1], was 1.5");
        assertThatThrownBy(() -> start(db, "kysera.health.timeout=0s"))
                .hasStackTraceContaining("kysera.health.timeout must be positive, was PT0S");
    }
}
