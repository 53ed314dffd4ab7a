package dev.kysera.executor.internal;

import dev.kysera.executor.Executor;

/** Reads how many prepared statements an executor keeps for statement shapes. */
public final class ShapeStatementsProbe {

    private ShapeStatementsProbe() {
    }

    public static int kept(Executor executor) throws ReflectiveOperationException {
        java.lang.reflect.Field field = Executor.class.getDeclaredField("lifecycle");
        field.setAccessible(true);
        return ((ExecutorLifecycle) field.get(executor)).shapeStatements().size();
    }
}
