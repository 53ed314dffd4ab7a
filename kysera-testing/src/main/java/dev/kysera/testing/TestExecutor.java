package dev.kysera.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one field, or no-argument method, of a {@link KyseraTest} class (or a superclass) that
 * supplies the {@link dev.kysera.executor.Executor} the tests run against. It may be static or an
 * instance member; it is read before each test, after {@code @BeforeAll}, so it may be set there.
 */
@Documented
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TestExecutor {
}
