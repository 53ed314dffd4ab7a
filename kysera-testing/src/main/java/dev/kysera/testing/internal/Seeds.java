package dev.kysera.testing.internal;

import dev.kysera.testing.Seed;
import dev.kysera.testing.seed.Seeder;
import dev.kysera.testing.seed.Seeding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/** Applies the {@link Seed} seeders of a test: the classes' (outermost first), then the method's. */
public final class Seeds {

    private Seeds() {
    }

    /** The seeding the test asks for, if any. */
    public static Optional<Seeding> of(ExtensionContext context) {
        List<Seed> annotations = new ArrayList<>();
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = ExecutorLookup.enclosingOfInner(type)) {
            AnnotationSupport.findAnnotation(type, Seed.class).ifPresent(seed -> annotations.addFirst(seed));
        }
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, Seed.class)).ifPresent(annotations::add);
        List<Seeder> seeders = new ArrayList<>();
        for (Seed seed : annotations) {
            for (String resource : seed.sql()) {
                seeders.add(Seeder.sql(resource));
            }
            for (Class<? extends Seeder> type : seed.value()) {
                seeders.add(ReflectionSupport.newInstance(type));
            }
        }
        return seeders.isEmpty() ? Optional.empty() : Optional.of(Seeding.of(seeders));
    }
}
