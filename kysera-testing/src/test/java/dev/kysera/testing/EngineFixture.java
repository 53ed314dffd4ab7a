package dev.kysera.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a fixture class: tests that a test of this module runs through {@code EngineTestKit} (see
 * {@link Kit}) to check what the toolkit did. {@link FixtureFilter} keeps them out of the build's
 * own run, where several fail on purpose.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface EngineFixture {
}
