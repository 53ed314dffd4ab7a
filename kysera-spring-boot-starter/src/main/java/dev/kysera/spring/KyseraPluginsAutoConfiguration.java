package dev.kysera.spring;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditedTable;
import dev.kysera.debug.NPlusOneDetector;
import dev.kysera.debug.NPlusOneMode;
import dev.kysera.debug.NPlusOneOptions;
import dev.kysera.debug.Profiler;
import dev.kysera.debug.ProfilerOptions;
import dev.kysera.debug.QueryLog;
import dev.kysera.debug.QueryLogOptions;
import dev.kysera.debug.SqlStyle;
import dev.kysera.executor.StatementKind;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.spring.internal.AuditTablesNamed;
import dev.kysera.spring.internal.Properties;
import dev.kysera.spring.internal.RequestMetadata;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.util.ClassUtils;

/**
 * Plugins configured from {@code kysera.soft-delete.*}, {@code kysera.timestamps.*},
 * {@code kysera.audit.*} and {@code kysera.debug.*}; the executor registers them with
 * every other {@code Plugin} bean, and a bean of the same type of your own replaces each. A plugin enabled by a property
 * whose module is missing fails the start (see {@link KyseraAutoConfiguration}).
 */
@AutoConfiguration(before = KyseraAutoConfiguration.class)
@EnableConfigurationProperties(KyseraProperties.class)
public class KyseraPluginsAutoConfiguration {

    // Types of optional modules appear only inside the nested configurations: Spring introspects
    // this class's own methods even when kysera-audit or kysera-debug is absent.

    private static final String REQUEST_CONTEXT = "org.springframework.web.context.request.RequestContextHolder";
    private static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";

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
        AuditPlugin kyseraAuditPlugin(KyseraProperties properties, ObjectProvider<ChangedByResolver> changedBy) {
            KyseraProperties.Audit audit = properties.audit();
            ChangedByResolver resolver = Boolean.FALSE.equals(audit.recordChangedBy()) ? null : changedBy.getIfUnique();
            if (resolver == null && Boolean.TRUE.equals(audit.recordChangedBy())) {
                throw new IllegalStateException("kysera.audit.record-changed-by=true but there is no (single) ChangedByResolver bean: "
                        + "add Spring Security (the starter then names the current Authentication) or declare one");
            }
            try {
                return AuditPlugin.of(auditOptions(audit, resolver));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid kysera.audit.* property: " + e.getMessage(), e);
            }
        }

        static AuditOptions auditOptions(KyseraProperties.Audit p, ChangedByResolver changedBy) {
            AuditOptions.Builder builder = AuditOptions.builder();
            Properties.ifSet(p.auditTable(), builder::auditTable);
            Properties.ifSet(p.maxValueLength(), builder::maxValueLength);
            Properties.ifSet(p.name(), builder::name);
            if (changedBy != null) {
                builder.changedByFrom(context -> changedBy.changedBy(context).orElse(null));
            }
            KyseraProperties.AuditMetadata metadata = p.metadata();
            if (metadata.any()) {
                if (!ClassUtils.isPresent(REQUEST_CONTEXT, Audit.class.getClassLoader())
                        || !ClassUtils.isPresent(SERVLET_REQUEST, Audit.class.getClassLoader())) {
                    throw new IllegalStateException("kysera.audit.metadata.* is set but Spring Web and the Servlet API are not on the "
                            + "classpath, so there is no request to read it from");
                }
                builder.metadata(new RequestMetadata(metadata.headers(), metadata.remoteAddress(), metadata.request()));
            }
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

    /** The current Authentication as {@code changed_by}, when Spring Security is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({AuditPlugin.class, Authentication.class})
    @ConditionalOnProperty(prefix = "kysera.audit", name = "record-changed-by", havingValue = "true", matchIfMissing = true)
    static class SecurityChangedBy {

        @Bean
        @ConditionalOnMissingBean(ChangedByResolver.class)
        @Conditional(AuditTablesNamed.class)
        ChangedByResolver kyseraChangedByResolver() {
            return new SecurityChangedByResolver();
        }
    }

    /** kysera-debug's query log, profiler and N+1 detector, each when its {@code kysera.debug.*.enabled=true}. */
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
                builder.style(enumValue(SqlStyle.class, p.style(), "kysera.debug.query-log.style"));
            }
            return builder.build();
        }

        /**
         * The profiler; inject it for {@code snapshot()} and {@code report()}.
         *
         * @throws IllegalArgumentException if an option is invalid (named in the message)
         */
        @Bean
        @ConditionalOnMissingBean(Profiler.class)
        @ConditionalOnProperty(prefix = "kysera.debug.profiler", name = "enabled", havingValue = "true")
        Profiler kyseraProfiler(KyseraProperties properties) {
            ProfilerOptions.Builder builder = ProfilerOptions.builder();
            Properties.ifSet(properties.debug().profiler().maxShapes(), builder::maxShapes);
            try {
                return Profiler.of(builder.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid kysera.debug.profiler.* property: " + e.getMessage(), e);
            }
        }

        /**
         * The N+1 detector.
         *
         * @throws IllegalArgumentException if an option is invalid (named in the message)
         */
        @Bean
        @ConditionalOnMissingBean(NPlusOneDetector.class)
        @ConditionalOnProperty(prefix = "kysera.debug.n-plus-one", name = "enabled", havingValue = "true")
        NPlusOneDetector kyseraNPlusOneDetector(KyseraProperties properties) {
            try {
                return NPlusOneDetector.of(nPlusOneOptions(properties.debug().nPlusOne()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid kysera.debug.n-plus-one.* property: " + e.getMessage(), e);
            }
        }

        static NPlusOneOptions nPlusOneOptions(KyseraProperties.NPlusOne p) {
            NPlusOneOptions.Builder builder = NPlusOneOptions.builder();
            Properties.ifSet(p.threshold(), builder::threshold);
            Properties.ifSet(p.maxFindings(), builder::maxFindings);
            Properties.ifSet(p.maxShapesPerUnit(), builder::maxShapesPerUnit);
            Properties.ifSet(p.maxOpenUnits(), builder::maxOpenUnits);
            if (p.mode() != null) {
                builder.mode(enumValue(NPlusOneMode.class, p.mode(), "kysera.debug.n-plus-one.mode"));
            }
            if (p.level() != null) {
                builder.level(enumValue(System.Logger.Level.class, p.level(), "kysera.debug.n-plus-one.level"));
            }
            if (!p.kinds().isEmpty()) {
                StatementKind[] kinds = p.kinds().stream().map(k -> enumValue(StatementKind.class, k, "kysera.debug.n-plus-one.kinds"))
                        .toArray(StatementKind[]::new);
                builder.kinds(kinds[0], Arrays.copyOfRange(kinds, 1, kinds.length));
            }
            return builder.build();
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String property) {
            try {
                return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " must be one of " + Arrays.toString(type.getEnumConstants())
                        + ", was '" + name + "'", e);
            }
        }
    }

}
