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
 *
 * <p>In a class with {@link DatabaseTest}s it is instead a method taking the {@link TestDatabase}:
 * called once per test class and database, it builds the executor (with the application's plugins)
 * over {@link TestDatabase#dataSource()}, and the extension closes that executor when the class ends.
 * Without one, {@code DatabaseTest}s get a plugin-free executor over the database.
 */
@Documented
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TestExecutor {
}
