package dev.kysera.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/** A benchmark class's {@code @Benchmark} methods, found and called outside JMH (probes, smoke tests). */
public final class BenchmarkMethods {

    private BenchmarkMethods() {
    }

    /** The class's benchmark methods whose names start with {@code prefix}, by name. */
    public static List<Method> of(Class<?> benchmark, String prefix) {
        return Arrays.stream(benchmark.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class) && m.getName().startsWith(prefix))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** Calls one benchmark method with its state object; what the method throws is thrown as itself. */
    public static Object invoke(Method method, Object benchmark, Object state) throws Exception {
        try {
            return method.invoke(benchmark, state);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
