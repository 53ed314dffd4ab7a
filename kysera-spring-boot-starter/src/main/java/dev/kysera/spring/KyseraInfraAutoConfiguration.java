package dev.kysera.spring;

import dev.kysera.executor.Executor;
import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthOptions;
import dev.kysera.spring.internal.Properties;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** Actuator's {@code kysera} health component, when kysera-infra and Spring Boot's health support are present. */
@AutoConfiguration(after = KyseraAutoConfiguration.class)
@ConditionalOnClass({HealthCheck.class, HealthIndicator.class})
@ConditionalOnBean(Executor.class)
@ConditionalOnProperty(prefix = "kysera.health", name = "enabled", matchIfMissing = true)
public class KyseraInfraAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public KyseraInfraAutoConfiguration() {
    }

    /**
     * The health check behind the indicator; a bean of your own replaces it.
     *
     * @param dataSource the application's DataSource, probed
     * @param properties the {@code kysera.*} properties
     * @return the health check
     *
     * @throws IllegalArgumentException if the {@code kysera.health.*} options do not fit together (named in the message)
     */
    @Bean
    @ConditionalOnMissingBean
    public HealthCheck kyseraHealthCheck(DataSource dataSource, KyseraProperties properties) {
        return HealthCheck.of(dataSource, healthOptions(properties.health()));
    }

    /**
     * kysera-infra's defaults with the options set under {@code kysera.health.*}. Latency
     * thresholds left unset that exceed the timeout (1 s unhealthy, 100 ms degraded) are lowered to
     * the timeout and half of it, so any positive {@code kysera.health.timeout} alone is usable.
     */
    static HealthOptions healthOptions(KyseraProperties.Health p) {
        Duration unhealthy = p.unhealthyLatency() != null ? p.unhealthyLatency() : min(HealthOptions.defaults().unhealthyLatency(), p.timeout());
        Duration degraded = p.degradedLatency() != null ? p.degradedLatency()
                : min(HealthOptions.defaults().degradedLatency(), unhealthy.dividedBy(2));
        HealthOptions.Builder builder = HealthOptions.builder().timeout(p.timeout()).unhealthyLatency(unhealthy).degradedLatency(degraded);
        Properties.ifSet(p.poolSaturation(), builder::poolSaturation);
        Properties.ifSet(p.validationQuery(), builder::validationQuery);
        Properties.ifSet(p.replication(), builder::replication);
        Properties.ifSet(p.degradedReplicationLag(), builder::degradedReplicationLag);
        Properties.ifSet(p.unhealthyReplicationLag(), builder::unhealthyReplicationLag);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid kysera.health.* property: " + e.getMessage(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Registered as the health component {@code kysera}.
     *
     * @param check    the health check
     * @param executor the executor, for the dialect's name
     * @return the indicator
     */
    @Bean(name = "kyseraHealthIndicator")
    @ConditionalOnMissingBean(name = "kyseraHealthIndicator")
    public KyseraHealthIndicator kyseraHealthIndicator(HealthCheck check, Executor executor) {
        return new KyseraHealthIndicator(check, executor.dsl().dialect());
    }
}
