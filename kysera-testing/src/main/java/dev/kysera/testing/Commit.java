package dev.kysera.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a test method, or every test of a class, out of the rollback: the test runs outside any
 * transaction and what it writes is committed. {@link #clean()} then says what is cleaned after
 * each such test, passed or failed; by default nothing is, and the test cleans up itself.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Commit {

    /**
     * What is cleaned after the test.
     *
     * @return the cleaning strategy; {@link Cleaning#NONE} (the default) cleans nothing
     */
    Cleaning clean() default Cleaning.NONE;

    /**
     * Tables that {@link Cleaning#TRUNCATE} and {@link Cleaning#DELETE} leave alone (e.g. a
     * migrations history). Naming one without a cleaning strategy is refused.
     *
     * @return names of tables never cleaned; empty by default
     */
    String[] keep() default {};
}
