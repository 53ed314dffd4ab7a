package dev.kysera.spring;

import dev.kysera.executor.Executor;
import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthOptions;
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

    /** The health check behind the indicator; a bean of your own replaces it. */
    @Bean
    @ConditionalOnMissingBean
    public HealthCheck kyseraHealthCheck(DataSource dataSource, KyseraProperties properties) {
        return HealthCheck.of(dataSource, healthOptions(properties.health().timeout()));
    }

    /**
     * kysera-infra's defaults with this timeout; a timeout below their latency thresholds (1 s
     * unhealthy, 100 ms degraded) lowers them to the timeout and half of it, so any positive
     * {@code kysera.health.timeout} is usable.
     */
    static HealthOptions healthOptions(Duration timeout) {
        HealthOptions defaults = HealthOptions.defaults();
        Duration unhealthy = min(defaults.unhealthyLatency(), timeout);
        return HealthOptions.builder().timeout(timeout).unhealthyLatency(unhealthy)
                .degradedLatency(min(defaults.degradedLatency(), unhealthy.dividedBy(2))).build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Registered as the health component {@code kysera}. */
    @Bean(name = "kyseraHealthIndicator")
    @ConditionalOnMissingBean(name = "kyseraHealthIndicator")
    public KyseraHealthIndicator kyseraHealthIndicator(HealthCheck check, Executor executor) {
        return new KyseraHealthIndicator(check, executor.dsl().dialect());
    }
}
