package dev.kysera.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests each run in a transaction of its executor ({@link TestExecutor},
 * or the {@link DatabaseTest} invocation's), rolled back when the test ends; see
 * {@link KyseraTestExtension}. Shorthand for {@code @ExtendWith(KyseraTestExtension.class)}.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KyseraTestExtension.class)
public @interface KyseraTest {
}
