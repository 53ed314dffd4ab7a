package dev.kysera.testing;

import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves {@link EngineFixture} classes (and classes nested in them) out of a launcher's run, e.g.
 * Surefire's with {@code -Dtest=dev.kysera.testing.**}, which would otherwise pick up nested classes.
 * {@code EngineTestKit} runs engines without a launcher, so {@link Kit} still runs them.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}.
 */
public final class FixtureFilter implements PostDiscoveryFilter {

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<Class<?>> type = descriptor.getSource().flatMap(source -> switch (source) {
            case ClassSource c -> Optional.of(c.getJavaClass());
            case MethodSource m -> Optional.of(m.getJavaClass());
            default -> Optional.empty();
        });
        for (Class<?> c = type.orElse(null); c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(EngineFixture.class)) {
                return FilterResult.excluded("a fixture, run through EngineTestKit by the test around it");
            }
        }
        return FilterResult.included("not a fixture");
    }
}
