package dev.kysera.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.infra.HealthCheck;
import dev.kysera.testsupport.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health component when the database refuses connections (the UP case runs over HTTP in {@code WebTest}). */
class HealthIndicatorTest {

    @Test
    void a_database_that_refuses_connections_is_down_within_the_timeout() {
        ConnectionSource refusing = new ConnectionSource() {
            @Override
            protected Connection connect() throws SQLTransientConnectionException {
                throw new SQLTransientConnectionException("connection refused", "08001");
            }
        };
        KyseraHealthIndicator indicator = new KyseraHealthIndicator(
                HealthCheck.of(refusing, KyseraInfraAutoConfiguration.healthOptions(
                new KyseraProperties.Health(true, Duration.ofMillis(500), null, null, null, null, null, null, null))), SQLDialect.POSTGRES);
        long start = System.nanoTime();
        Health health = indicator.health();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("database", "Postgres").containsEntry("status", "UNHEALTHY")
                .containsKey("problems").containsKey("error");
    }
}
