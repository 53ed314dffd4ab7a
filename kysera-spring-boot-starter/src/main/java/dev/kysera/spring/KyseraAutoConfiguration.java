package dev.kysera.spring;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.spring.internal.DataSources;
import dev.kysera.spring.internal.SpringErrors;
import dev.kysera.spring.internal.SpringTransactions;
import dev.kysera.spring.internal.TransactionAdoption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.tools.jdbc.JDBCUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures Kysera over the application's {@code DataSource} (and Spring Boot's jOOQ
 * {@code DSLContext} when there is one): an {@link Executor} with every {@link Plugin} bean in
 * {@code @Order}, whose transactions are Spring's and which treats Spring's transactions as its
 * own, with the error model of {@code kysera.errors}; and a {@link DbContext} for the DAL.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"})
@ConditionalOnClass({Executor.class, DataSource.class, PlatformTransactionManager.class})
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(KyseraProperties.class)
public class KyseraAutoConfiguration implements BeanClassLoaderAware {

    /** Created by Spring Boot's auto-configuration. */
    public KyseraAutoConfiguration() {
    }

    /** Boot's jOOQ listener that turns errors into Spring's; Kysera decides the error model itself. */
    private static final String BOOT_TRANSLATOR = "org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener";

    private ClassLoader classLoader = KyseraAutoConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The executor: statements take the connection of the Spring transaction open on the thread
     * (else one per statement from the pool), transactions go through the transaction manager.
     *
     * @param dataSource         the application's DataSource
     * @param transactionManager the application's transaction manager, which Kysera's transactions go through
     * @param properties         the {@code kysera.*} properties
     * @param dsl                Spring Boot's jOOQ context, whose settings and listeners are kept when it is on the same DataSource
     * @param plugins            the {@code Plugin} beans, registered in {@code @Order}
     * @param customizers        the {@link KyseraExecutorCustomizer} beans, applied in {@code @Order}
     * @return the executor, closed with the context
     * @throws IllegalStateException if the dialect is neither configured nor detectable
     * @throws UnsupportedTransactionManagerException if the transaction manager is not a
     *         {@code DataSourceTransactionManager} on {@code dataSource}
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Executor kyseraExecutor(DataSource dataSource, PlatformTransactionManager transactionManager, KyseraProperties properties,
                                   ObjectProvider<DSLContext> dsl, ObjectProvider<Plugin> plugins,
                                   ObjectProvider<KyseraExecutorCustomizer> customizers) {
        requireModule(classLoader, properties.softDelete().enabled(), "kysera.soft-delete.enabled=true", "dev.kysera.softdelete.SoftDeletePlugin",
                "kysera-soft-delete");
        requireModule(classLoader, properties.timestamps().enabled(), "kysera.timestamps.enabled=true", "dev.kysera.timestamps.TimestampsPlugin",
                "kysera-timestamps");
        requireModule(classLoader, !properties.audit().tables().isEmpty(), "kysera.audit.tables names tables", "dev.kysera.audit.AuditPlugin",
                "kysera-audit");
        requireModule(classLoader, properties.debug().queryLog().enabled(), "kysera.debug.query-log.enabled=true",
                "dev.kysera.debug.QueryLog", "kysera-debug");
        requireModule(classLoader, properties.debug().profiler().enabled(), "kysera.debug.profiler.enabled=true",
                "dev.kysera.debug.Profiler", "kysera-debug");
        requireModule(classLoader, properties.debug().nPlusOne().enabled(), "kysera.debug.n-plus-one.enabled=true",
                "dev.kysera.debug.NPlusOneDetector", "kysera-debug");
        requireJoinable(transactionManager, dataSource);
        boolean springErrors = properties.errors() == KyseraProperties.ErrorMode.SPRING;
        Configuration configuration = configuration(dataSource, properties, dsl.getIfUnique())
                .set(new SpringTransactions(transactionManager, DataSources.target(dataSource), springErrors));
        ExecuteListenerProvider[] listeners = Arrays.stream(configuration.executeListenerProviders())
                .filter(p -> !isBootTranslator(p)).toArray(ExecuteListenerProvider[]::new);
        if (springErrors) {
            listeners = Arrays.copyOf(listeners, listeners.length + 1);
            listeners[listeners.length - 1] = new DefaultExecuteListenerProvider(new SpringErrors(ErrorTranslator.standard()));
        }
        configuration.set(listeners);
        Executor.Builder builder = Executor.builder().configuration(configuration).translateErrors(!springErrors);
        List<Plugin> registered = plugins.orderedStream().toList();
        registered.forEach(builder::plugin);
        requireMicrometerPlugin(properties, registered);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * The DAL's context over the executor.
     *
     * @param executor the executor
     * @return the context
     */
    @Bean
    @ConditionalOnMissingBean
    public DbContext kyseraDbContext(Executor executor) {
        return DbContext.of(executor);
    }

    /**
     * Lets every Spring transaction on the executor's DataSource be a transaction of the executor.
     *
     * @param executor   the executor, looked up when a transaction begins
     * @param dataSource the DataSource, looked up when a transaction begins
     * @return the post-processor registering the adoption with each {@code DataSourceTransactionManager}
     */
    @Bean
    public static BeanPostProcessor kyseraTransactionAdoption(ObjectProvider<Executor> executor, ObjectProvider<DataSource> dataSource) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                if (bean instanceof DataSourceTransactionManager manager) {
                    manager.addListener(new TransactionAdoption(manager, executor::getObject, dataSource::getObject));
                }
                return bean;
            }
        };
    }

    private static Configuration configuration(DataSource dataSource, KyseraProperties properties, DSLContext boot) {
        SQLDialect configured = properties.configuredDialect();
        if (boot != null && boot.configuration().connectionProvider() instanceof DataSourceConnectionProvider provider
                && DataSources.target(provider.dataSource()) == DataSources.target(dataSource)) {
            Configuration derived = boot.configuration().derive();
            if (configured != null) {
                derived.set(configured);
            }
            if (derived.dialect() == SQLDialect.DEFAULT) {
                derived.set(detect(dataSource));
            }
            return derived;
        }
        return new DefaultConfiguration()
                .set(new DataSourceConnectionProvider(DataSources.transactionAware(dataSource)))
                .set(configured != null ? configured : detect(dataSource));
    }

    private static SQLDialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            SQLDialect dialect = JDBCUtils.dialect(connection);
            if (dialect == SQLDialect.DEFAULT) {
                throw new IllegalStateException("Cannot tell the SQL dialect of " + connection.getMetaData().getURL()
                        + "; set kysera.dialect (e.g. POSTGRES)");
            }
            return dialect;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's metadata to detect the SQL dialect; set kysera.dialect", e);
        }
    }

    /** Kysera joins a Spring transaction through the connection the manager binds to the DataSource; no other kind is visible to it. */
    private static void requireJoinable(PlatformTransactionManager manager, DataSource dataSource) {
        if (!(manager instanceof DataSourceTransactionManager jdbc)) {
            throw new UnsupportedTransactionManagerException(manager.getClass().getName(),
                    "it is not a DataSourceTransactionManager, so it binds no JDBC connection Kysera can use");
        }
        if (jdbc.getDataSource() == null || DataSources.target(jdbc.getDataSource()) != DataSources.target(dataSource)) {
            throw new UnsupportedTransactionManagerException(manager.getClass().getName(),
                    "it manages the DataSource " + jdbc.getDataSource() + ", not the executor's " + dataSource);
        }
    }

    /** Micrometer options with no plugin to apply them to (no kysera-micrometer, no ObservationRegistry) would do nothing. */
    private static void requireMicrometerPlugin(KyseraProperties properties, List<Plugin> plugins) {
        List<String> set = properties.micrometer().optionsSet();
        if (properties.micrometer().enabled() && !set.isEmpty()
                && plugins.stream().noneMatch(p -> p.getClass().getName().equals("dev.kysera.micrometer.MicrometerPlugin"))) {
            throw new IllegalStateException(String.join(", ", set) + " set but no MicrometerPlugin was created: it needs "
                    + "dev.kysera:kysera-micrometer and an ObservationRegistry bean (Spring Boot Actuator)");
        }
    }

    /** A property that enables a plugin whose module is missing would otherwise do nothing. */
    private static void requireModule(ClassLoader classLoader, boolean enabled, String property, String className, String module) {
        if (enabled && !ClassUtils.isPresent(className, classLoader)) {
            throw new IllegalStateException(property + " but " + module + " is not on the classpath; add dev.kysera:" + module);
        }
    }

    private static boolean isBootTranslator(ExecuteListenerProvider provider) {
        Class<?> type = provider.provide().getClass();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(BOOT_TRANSLATOR)) {
                    return true;
                }
            }
        }
        return false;
    }
}
