package dev.kysera.spring;

import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugins configured from {@code kysera.soft-delete.*} and {@code kysera.timestamps.*}; the
 * executor registers them with every other {@code Plugin} bean. A plugin enabled by a property
 * whose module is missing fails the start (see {@link KyseraAutoConfiguration}).
 */
@AutoConfiguration(before = KyseraAutoConfiguration.class)
@EnableConfigurationProperties(KyseraProperties.class)
public class KyseraPluginsAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public KyseraPluginsAutoConfiguration() {
    }

    /** {@code kysera.soft-delete.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SoftDeletePlugin.class)
    @ConditionalOnProperty(prefix = "kysera.soft-delete", name = "enabled", havingValue = "true")
    static class SoftDelete {

        @Bean
        @ConditionalOnMissingBean
        SoftDeletePlugin kyseraSoftDelete(KyseraProperties properties) {
            KyseraProperties.SoftDelete options = properties.softDelete();
            SoftDeleteOptions.Builder builder = SoftDeleteOptions.builder().timestampColumn(options.column())
                    .deleteAsUpdate(options.deleteAsUpdate());
            if (!options.tables().isEmpty()) {
                builder.tables(options.tables().toArray(String[]::new));
            }
            return SoftDeletePlugin.of(builder.build());
        }
    }

    /** {@code kysera.timestamps.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TimestampsPlugin.class)
    @ConditionalOnProperty(prefix = "kysera.timestamps", name = "enabled", havingValue = "true")
    static class Timestamps {

        @Bean
        @ConditionalOnMissingBean
        TimestampsPlugin kyseraTimestamps(KyseraProperties properties) {
            KyseraProperties.Timestamps options = properties.timestamps();
            TimestampsOptions.Builder builder = TimestampsOptions.builder().createdColumn(options.createdColumn())
                    .updatedColumn(options.updatedColumn());
            if (!options.tables().isEmpty()) {
                builder.tables(options.tables().toArray(String[]::new));
            }
            return TimestampsPlugin.of(builder.build());
        }
    }
}
