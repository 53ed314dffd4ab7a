package dev.kysera.spring;

import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationSource;
import dev.kysera.migrations.MigrationSources;
import dev.kysera.migrations.Migrator;
import dev.kysera.spring.internal.DataSources;
import dev.kysera.spring.internal.Properties;
import dev.kysera.spring.internal.PropertiesMigrationStrategy;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Runs kysera-migrations at startup, as Spring Boot does Flyway: a {@link Migrator} over the
 * application's {@code DataSource} with the SQL migrations of {@code kysera.migrations.locations}
 * and every {@link Migration} bean, run by the {@link KyseraMigrationStrategy} bean before the
 * executor (and anything else that depends on database initialization) is created. A failed or
 * edited migration fails the start. {@code kysera.migrations.enabled=false} leaves it all out.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({Migrator.class, DataSource.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "kysera.migrations", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(KyseraProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class KyseraMigrationsAutoConfiguration implements BeanClassLoaderAware {

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private ClassLoader classLoader = KyseraMigrationsAutoConfiguration.class.getClassLoader();

    /** Created by Spring Boot's auto-configuration. */
    public KyseraMigrationsAutoConfiguration() {
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The migrator; a {@code Migrator} bean of your own replaces it (and is the one run at startup).
     *
     * @param dataSource the application's DataSource; the migrator takes its own connections and commits itself
     * @param properties the {@code kysera.*} properties ({@code kysera.dialect} included)
     * @param migrations the Java migrations declared as beans
     * @return the migrator
     * @throws IllegalArgumentException if a {@code kysera.migrations.*} value is invalid (named in the message)
     */
    @Bean
    @ConditionalOnMissingBean
    public Migrator kyseraMigrator(DataSource dataSource, KyseraProperties properties, ObjectProvider<Migration> migrations) {
        KyseraProperties.Migrations p = properties.migrations();
        MigrationConfig.Builder builder = MigrationConfig.builder().dataSource(DataSources.target(dataSource));
        try {
            if (p.locations().isEmpty()) {
                builder.source(location(KyseraProperties.Migrations.DEFAULT_LOCATION));
            } else {
                p.locations().forEach(l -> builder.source(nonEmpty(l, location(l))));
            }
            List<Migration> beans = migrations.orderedStream().toList();
            if (!beans.isEmpty()) {
                builder.source(MigrationSources.of(beans));
            }
            SQLDialect dialect = properties.configuredDialect();
            Properties.ifSet(dialect, builder::dialect);
            Properties.ifSet(p.lockTimeout(), builder::lockTimeout);
            Properties.ifSet(p.historyTable(), builder::historyTable);
            Properties.ifSet(p.historySchema(), builder::historySchema);
            Properties.ifSet(p.installedBy(), builder::installedBy);
            builder.outOfOrder(p.outOfOrder());
            return Migrator.create(builder.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("Invalid kysera.migrations.* property: " + e.getMessage(), e);
        }
    }

    /**
     * The default startup run, following {@code kysera.migrations.mode} and {@code .baseline-version};
     * a {@link KyseraMigrationStrategy} bean of your own replaces it.
     *
     * @param properties the {@code kysera.*} properties
     * @return the strategy
     */
    @Bean
    @ConditionalOnMissingBean
    public KyseraMigrationStrategy kyseraMigrationStrategy(KyseraProperties properties) {
        return new PropertiesMigrationStrategy(properties.migrations());
    }

    /**
     * Runs the strategy when created; the executor, jOOQ's {@code DSLContext} and {@code JdbcTemplate}
     * are created after it.
     *
     * @param migrator the migrator
     * @param strategy the strategy
     * @return the initializer
     */
    @Bean
    @ConditionalOnMissingBean
    public KyseraMigrationsInitializer kyseraMigrationsInitializer(Migrator migrator, KyseraMigrationStrategy strategy) {
        return new KyseraMigrationsInitializer(migrator, strategy);
    }

    private MigrationSource location(String location) {
        if (location.startsWith(FILESYSTEM)) {
            return MigrationSources.directory(Path.of(location.substring(FILESYSTEM.length())));
        }
        String resource = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        while (resource.startsWith("/")) {
            resource = resource.substring(1);
        }
        if (resource.isBlank()) {
            throw new IllegalArgumentException("kysera.migrations.locations names no directory: '" + location + "'");
        }
        return MigrationSources.classpath(resource, classLoader);
    }

    /** A location you name that holds nothing is a typo or a packaging mistake, never an empty schema. */
    private static MigrationSource nonEmpty(String location, MigrationSource source) {
        return dialect -> {
            List<Migration> found = source.load(dialect);
            if (found.isEmpty()) {
                throw new InvalidMigrationException("kysera.migrations.locations: " + location + " holds no migration");
            }
            return found;
        };
    }
}
