package dev.kysera.testing.internal;

import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repositories;

/**
 * Parameters of the optional modules: kysera-repository's {@code Repositories} and kysera-dal's
 * {@code DbContext}. Matched by name, so this class (and the module) is loaded only when a test
 * asks for one.
 */
public final class ParameterTypes {

    private static final String REPOSITORIES = "dev.kysera.repository.Repositories";
    private static final String DB_CONTEXT = "dev.kysera.dal.DbContext";

    private ParameterTypes() {
    }

    /** Whether the type is one of the optional modules' types this toolkit injects. */
    public static boolean isOptional(Class<?> type) {
        return type.getName().equals(REPOSITORIES) || type.getName().equals(DB_CONTEXT);
    }

    /** The value of an optional-module parameter over {@code executor}. */
    public static Object resolve(Class<?> type, Executor executor) {
        return switch (type.getName()) {
            case REPOSITORIES -> Repositories.of(executor);
            case DB_CONTEXT -> DbContext.of(executor);
            default -> throw new IllegalArgumentException(type.getName());
        };
    }
}
