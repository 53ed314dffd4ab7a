package dev.kysera.spring;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditedTable;
import dev.kysera.debug.QueryLog;
import dev.kysera.debug.QueryLogOptions;
import dev.kysera.debug.SqlStyle;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.spring.internal.AuditTablesNamed;
import dev.kysera.spring.internal.Properties;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Plugins configured from {@code kysera.soft-delete.*}, {@code kysera.timestamps.*},
 * {@code kysera.audit.*} and {@code kysera.debug.query-log.*}; the executor registers them with
 * every other {@code Plugin} bean, and a bean of the same type of your own replaces each. A plugin enabled by a property
 * whose module is missing fails the start (see {@link KyseraAutoConfiguration}).
 */
@AutoConfiguration(before = KyseraAutoConfiguration.class)
@EnableConfigurationProperties(KyseraProperties.class)
public class KyseraPluginsAutoConfiguration {

    // Types of optional modules appear only inside the nested configurations: Spring introspects
    // this class's own methods even when kysera-audit or kysera-debug is absent.

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

    /** kysera-audit, when at least one table is named under {@code kysera.audit.tables}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AuditPlugin.class)
    static class Audit {

        /**
         * The audit plugin.
         *
         * @throws IllegalArgumentException if a table has no key or an option is invalid (named in the message)
         */
        @Bean
        @ConditionalOnMissingBean(AuditPlugin.class)
        @Conditional(AuditTablesNamed.class)
        AuditPlugin kyseraAuditPlugin(KyseraProperties properties) {
            try {
                return AuditPlugin.of(auditOptions(properties.audit()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid kysera.audit.* property: " + e.getMessage(), e);
            }
        }

        static AuditOptions auditOptions(KyseraProperties.Audit p) {
            AuditOptions.Builder builder = AuditOptions.builder();
            Properties.ifSet(p.auditTable(), builder::auditTable);
            Properties.ifSet(p.maxValueLength(), builder::maxValueLength);
            Properties.ifSet(p.name(), builder::name);
            // Sorted so that the plugin's table order does not depend on the property source's map order.
            for (Map.Entry<String, KyseraProperties.AuditedTableProperties> e : new TreeMap<>(p.tables()).entrySet()) {
                KyseraProperties.AuditedTableProperties t = e.getValue();
                if (t.key().isEmpty()) {
                    throw new IllegalArgumentException("kysera.audit.tables." + e.getKey() + ".key must name the primary key column(s)");
                }
                AuditedTable table = AuditedTable.of(e.getKey(), t.key().toArray(String[]::new));
                if (!t.excluding().isEmpty()) {
                    table = table.excluding(t.excluding().toArray(String[]::new));
                }
                if (!t.redacting().isEmpty()) {
                    table = table.redacting(t.redacting().toArray(String[]::new));
                }
                builder.table(table);
            }
            return builder.build();
        }
    }

    /** kysera-debug's query log, when {@code kysera.debug.query-log.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QueryLog.class)
    static class Debug {

        /**
         * The query log, writing to the {@code System.Logger} {@code dev.kysera.debug.QueryLog}.
         *
         * @throws IllegalArgumentException if an option is invalid (named in the message)
         */
        @Bean
        @ConditionalOnMissingBean(QueryLog.class)
        @ConditionalOnProperty(prefix = "kysera.debug.query-log", name = "enabled", havingValue = "true")
        QueryLog kyseraQueryLog(KyseraProperties properties) {
            try {
                return QueryLog.of(queryLogOptions(properties.debug().queryLog()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid kysera.debug.query-log.* property: " + e.getMessage(), e);
            }
        }

        static QueryLogOptions queryLogOptions(KyseraProperties.QueryLog p) {
            QueryLogOptions.Builder builder = QueryLogOptions.builder();
            Properties.ifSet(p.slowThreshold(), builder::slowThreshold);
            Properties.ifSet(p.slowAndFailedOnly(), builder::slowAndFailedOnly);
            Properties.ifSet(p.logBinds(), builder::logBinds);
            Properties.ifSet(p.maxValueLength(), builder::maxValueLength);
            if (!p.redactColumns().isEmpty()) {
                builder.redactColumns(p.redactColumns().toArray(String[]::new));
            }
            if (p.style() != null) {
                builder.style(style(p.style()));
            }
            return builder.build();
        }

        private static SqlStyle style(String name) {
            try {
                return SqlStyle.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kysera.debug.query-log.style must be one of " + Arrays.toString(SqlStyle.values())
                        + ", was '" + name + "'", e);
            }
        }
    }

}
