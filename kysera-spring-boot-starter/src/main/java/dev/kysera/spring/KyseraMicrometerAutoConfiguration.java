package dev.kysera.spring;

import dev.kysera.micrometer.MicrometerOptions;
import dev.kysera.micrometer.MicrometerPlugin;
import dev.kysera.spring.internal.Properties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * kysera-micrometer's {@link MicrometerPlugin} as a {@code Plugin} bean over the application's
 * {@link ObservationRegistry} (Spring Boot's, with Actuator's meter and tracing handlers), so every
 * statement and transaction of the executor is a timer and a span. A {@code MicrometerPlugin} bean
 * of your own replaces it; {@code kysera.micrometer.enabled=false} leaves it out.
 */
@AutoConfiguration(before = KyseraAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MicrometerPlugin.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "kysera.micrometer", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(KyseraProperties.class)
public class KyseraMicrometerAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public KyseraMicrometerAutoConfiguration() {
    }

    /**
     * The plugin, with the options of {@code kysera.micrometer.*}.
     *
     * @param observations Boot's observation registry
     * @param meters       the application's meter registry, for the row metrics when there is exactly one
     * @param properties   the {@code kysera.*} properties
     * @return the plugin
     *
     * @throws IllegalArgumentException if an option is out of range (named in the message)
     * @throws IllegalStateException    if row metrics are asked for and there is no {@code MeterRegistry} bean
     */
    @Bean
    @ConditionalOnMissingBean(MicrometerPlugin.class)
    public MicrometerPlugin kyseraMicrometerPlugin(ObservationRegistry observations, ObjectProvider<MeterRegistry> meters,
                                                   KyseraProperties properties) {
        KyseraProperties.Micrometer p = properties.micrometer();
        MicrometerOptions.Builder builder = MicrometerOptions.builder();
        Properties.ifSet(p.prefix(), builder::prefix);
        Properties.ifSet(p.includeQueryText(), builder::includeQueryText);
        Properties.ifSet(p.maxQueryTextLength(), builder::maxQueryTextLength);
        Properties.ifSet(p.includeBindValues(), builder::includeBindValues);
        Properties.ifSet(p.maxBindValues(), builder::maxBindValues);
        Properties.ifSet(p.maxBindValueLength(), builder::maxBindValueLength);
        Properties.ifSet(p.observeTransactions(), builder::observeTransactions);
        Properties.ifSet(p.maxCollectionNames(), builder::maxCollectionNames);
        MeterRegistry registry = meters.getIfUnique();
        if (Boolean.TRUE.equals(p.rowMetrics()) && registry == null) {
            throw new IllegalStateException("kysera.micrometer.row-metrics=true needs one MeterRegistry bean, and there is none "
                    + "(or several)");
        }
        // Row meters by default whenever the application has a registry: an explicit false turns them off.
        if (registry != null && !Boolean.FALSE.equals(p.rowMetrics())) {
            builder.meterRegistry(registry);
        }
        try {
            return builder.plugin(observations);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid kysera.micrometer.* property: " + e.getMessage(), e);
        }
    }

}
