package dev.kysera.testing;

import dev.kysera.testing.seed.Seeder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Seeds the database before each test of the class, or before the annotated test, through the test's
 * executor: the SQL files, then the seeder classes (no-argument constructors), ordered by their
 * dependencies ({@link dev.kysera.testing.seed.Seeding}). In a rolled-back test the seed data is
 * rolled back with the test; in a {@link Commit} test it is committed (and recorded, so it is not
 * applied twice). The method's {@code @Seed} adds to the class's.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Seed {

    /**
     * Java seeders, run after the SQL files unless their dependencies say otherwise.
     *
     * @return the seeder classes; each needs a no-argument constructor
     */
    Class<? extends Seeder>[] value() default {};

    /**
     * Class path SQL files; each seeder is named by its resource name.
     *
     * @return class path resources of SQL scripts
     */
    String[] sql() default {};
}
