package dev.kysera.spring;

import dev.kysera.executor.Executor;
import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthOptions;
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
        return HealthCheck.of(dataSource, HealthOptions.builder().timeout(properties.health().timeout()).build());
    }

    /** Registered as the health component {@code kysera}. */
    @Bean(name = "kyseraHealthIndicator")
    @ConditionalOnMissingBean(name = "kyseraHealthIndicator")
    public KyseraHealthIndicator kyseraHealthIndicator(HealthCheck check, Executor executor) {
        return new KyseraHealthIndicator(check, executor.dsl().dialect());
    }
}
