package dev.kysera.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Creates the schema of each isolated {@link TestDatabase} of the class when it is created (and
 * again after {@link Cleaning#RECREATE_SCHEMA}): first the {@link #migrations()}, then the
 * {@link #scripts()}, then the {@link #setup()} classes, in order, committed.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface TestSchema {

    /**
     * Class path locations of kysera-migrations SQL migrations ({@code V1__name.sql}, …), applied up
     * to the latest with the module's {@code Migrator} (history, checksums and locks as in
     * production); {@code {database}} is replaced by the database's label. Needs
     * {@code dev.kysera:kysera-migrations} on the test class path.
     *
     * @return migration locations; empty by default
     */
    String[] migrations() default {};

    /**
     * Class path resources run as SQL scripts; {@code {database}} is replaced by the database's
     * label, e.g. {@code "schema/{database}.sql"} picks {@code schema/postgres.sql} on PostgreSQL.
     *
     * @return script resources; empty by default
     */
    String[] scripts() default {};

    /**
     * Setup classes with a no-argument constructor, e.g. ones that run migrations or jOOQ DDL.
     *
     * @return setup classes; empty by default
     */
    Class<? extends SchemaSetup>[] setup() default {};
}
