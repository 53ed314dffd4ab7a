package dev.kysera.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per available database of the matrix, with the display name
 * prefixed by the engine in brackets ({@code [sqlite]}, {@code [h2]}, {@code [postgres]},
 * {@code [mariadb]}). The test method receives a {@link TestDatabase} parameter: one isolated
 * database per test class and engine, shared by the class's tests and dropped after the class.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseMatrixExtension.class)
public @interface MatrixTest {

    /** Restricts the test to these engines; empty means all of them. */
    Engine[] only() default {};

    /** Leaves these engines out, e.g. where the syntax under test does not exist there. */
    Engine[] except() default {};
}
