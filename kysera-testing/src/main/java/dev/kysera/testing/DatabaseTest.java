package dev.kysera.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per listed {@link Database}, each invocation named
 * {@code [label] test()} and rolled back like any {@link KyseraTest} test. Each test class gets
 * its own isolated database per engine ({@link TestDatabase}), shared by its tests, set up by
 * {@link TestSchema} and dropped when the class ends. The invocation's executor comes from a
 * {@link TestExecutor} method taking a {@link TestDatabase} (called once per class and database;
 * the extension closes what it returns), else a plugin-free executor over the database.
 *
 * <p>A database that is configured but unreachable, or that cannot be provided (MariaDB without a
 * URL, embedded PostgreSQL without the zonky library), fails its invocation with
 * {@link DatabaseUnavailableException}; it is never skipped.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(KyseraTestExtension.class)
public @interface DatabaseTest {

    /**
     * The databases to run on, in this order; SQLite, H2 and PostgreSQL when empty.
     *
     * @return the databases; empty (the default) means SQLite, H2 and PostgreSQL
     */
    Database[] value() default {};
}
