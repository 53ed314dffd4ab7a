package dev.kysera.spring;

import dev.kysera.migrations.Migrator;
import java.util.Objects;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the {@link KyseraMigrationStrategy} when the context creates this bean. Spring Boot's
 * database-initialization ordering makes the {@code Executor}, the {@code DbContext}, jOOQ's
 * {@code DSLContext}, {@code JdbcTemplate} and beans annotated
 * {@code @DependsOnDatabaseInitialization} wait for it, so they see the migrated schema.
 */
public class KyseraMigrationsInitializer implements InitializingBean {

    private final Migrator migrator;
    private final KyseraMigrationStrategy strategy;

    /**
     * An initializer that runs {@code strategy} over {@code migrator}.
     *
     * @param migrator the migrator
     * @param strategy what to do with it
     * @throws NullPointerException if an argument is null
     */
    public KyseraMigrationsInitializer(Migrator migrator, KyseraMigrationStrategy strategy) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /**
     * Runs the strategy.
     *
     * @throws dev.kysera.migrations.MigrationException when a migration fails, an applied one was
     *         edited or the lock is not granted in time; the context then does not start
     */
    @Override
    public void afterPropertiesSet() {
        strategy.migrate(migrator);
    }
}
