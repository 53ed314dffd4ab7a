package dev.kysera.spring.internal;

import dev.kysera.spring.KyseraMigrationsInitializer;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.util.ClassUtils;

/** Tells Spring Boot that the migrations initializer initializes the database (registered in {@code spring.factories}). */
public final class MigrationsInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    /** Created by Spring Boot. */
    public MigrationsInitializerDetector() {
    }

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        // The initializer's signature names kysera-migrations, which is optional.
        return ClassUtils.isPresent("dev.kysera.migrations.Migrator", MigrationsInitializerDetector.class.getClassLoader())
                ? Set.of(KyseraMigrationsInitializer.class) : Set.of();
    }
}
