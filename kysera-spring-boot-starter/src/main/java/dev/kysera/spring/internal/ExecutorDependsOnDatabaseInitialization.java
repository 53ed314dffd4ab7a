package dev.kysera.spring.internal;

import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Tells Spring Boot that executors and DAL contexts use the database, so they are created after
 * every database initializer (kysera-migrations, Flyway, Liquibase, {@code schema.sql}); registered
 * in {@code spring.factories}.
 */
public final class ExecutorDependsOnDatabaseInitialization extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    /** Created by Spring Boot. */
    public ExecutorDependsOnDatabaseInitialization() {
    }

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Executor.class, DbContext.class);
    }
}
