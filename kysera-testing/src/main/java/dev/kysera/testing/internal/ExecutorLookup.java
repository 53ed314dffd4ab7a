package dev.kysera.testing.internal;

import dev.kysera.executor.Executor;
import dev.kysera.testing.TestDatabase;
import dev.kysera.testing.TestExecutor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds the executor a test class declares with {@link TestExecutor}: explicit, no scanning. */
public final class ExecutorLookup {

    private ExecutorLookup() {
    }

    /**
     * The executor of the test class of {@code context}, read from its {@code @TestExecutor} field
     * or no-argument method (on the test instance when it is not static).
     *
     * @throws ExtensionConfigurationException if there is not exactly one such member, it is not
     *                                         an {@link Executor}, it needs a database, or it yields {@code null}
     */
    public static Executor find(ExtensionContext context) {
        Member member = member(context).orElseThrow(() -> new ExtensionConfigurationException(
                context.getRequiredTestClass().getName() + " must declare exactly one @TestExecutor field or no-argument"
                        + " method supplying the Executor (or its enclosing class, for @Nested); found 0"));
        if (member instanceof Method method && method.getParameterCount() == 1 && method.getParameterTypes()[0] == TestDatabase.class) {
            throw new ExtensionConfigurationException("@TestExecutor " + member + " takes a TestDatabase, so only"
                    + " @DatabaseTest tests can use it; this test runs on no database of the matrix");
        }
        return read(member, instance(member, context), null);
    }

    /**
     * The {@code @TestExecutor} member that makes the executors of {@code @DatabaseTest} invocations:
     * a method taking a {@link TestDatabase}; empty when the class has none (a plugin-free executor is used).
     *
     * @throws ExtensionConfigurationException if the member does not take a {@code TestDatabase}
     */
    public static Optional<Method> databaseFactory(ExtensionContext context) {
        return member(context).map(member -> {
            if (!(member instanceof Method method) || method.getParameterCount() != 1
                    || method.getParameterTypes()[0] != TestDatabase.class) {
                throw new ExtensionConfigurationException("@TestExecutor " + member + " is used by a @DatabaseTest:"
                        + " it must be a method taking the TestDatabase to build the executor on");
            }
            return method;
        });
    }

    /**
     * Calls a {@link #databaseFactory} method for {@code database}.
     *
     * @throws ExtensionConfigurationException if it returns {@code null}
     */
    public static Executor create(Method factory, ExtensionContext context, TestDatabase database) {
        return read(factory, instance(factory, context), database);
    }

    private static Optional<Member> member(ExtensionContext context) {
        // Innermost class first: a @Nested class may declare its own executor or use its enclosing class's.
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = enclosingOfInner(type)) {
            List<Member> members = new ArrayList<>();
            members.addAll(AnnotationSupport.findAnnotatedFields(type, TestExecutor.class));
            members.addAll(AnnotationSupport.findAnnotatedMethods(type, TestExecutor.class, HierarchyTraversalMode.TOP_DOWN));
            if (members.size() > 1) {
                throw new ExtensionConfigurationException(type.getName() + " must declare exactly one @TestExecutor"
                        + " field or no-argument method supplying the Executor; found " + members.size());
            }
            if (members.size() == 1) {
                return Optional.of(members.getFirst());
            }
        }
        return Optional.empty();
    }

    private static Object instance(Member member, ExtensionContext context) {
        if (Modifier.isStatic(member.getModifiers())) {
            return null;
        }
        Class<?> declaring = member.getDeclaringClass();
        List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
        return instances.stream().filter(declaring::isInstance).reduce((a, b) -> b).orElseThrow(() ->
                new ExtensionConfigurationException("@TestExecutor " + member + " is an instance member but there is no test instance"));
    }

    /** The enclosing class of a non-static inner class (a {@code @Nested} test class), else null. */
    public static Class<?> enclosingOfInner(Class<?> type) {
        return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
    }

    private static Executor read(Member member, Object target, TestDatabase database) {
        Object value = switch (member) {
            case Field field -> {
                check(field.getType(), member);
                yield ReflectionSupport.tryToReadFieldValue(field, target).getOrThrow(
                        e -> new ExtensionConfigurationException("Cannot read @TestExecutor " + member, e));
            }
            case Method method -> {
                check(method.getReturnType(), member);
                if (database == null && method.getParameterCount() != 0) {
                    throw new ExtensionConfigurationException("@TestExecutor method " + member
                            + " must take no arguments (or only a TestDatabase, in @DatabaseTest tests)");
                }
                yield database == null ? ReflectionSupport.invokeMethod(method, target)
                        : ReflectionSupport.invokeMethod(method, target, database);
            }
            default -> throw new IllegalStateException(member.toString());
        };
        return Optional.ofNullable((Executor) value).orElseThrow(
                () -> new ExtensionConfigurationException("@TestExecutor " + member + " is null"));
    }

    private static void check(Class<?> type, Member member) {
        if (!Executor.class.isAssignableFrom(type)) {
            throw new ExtensionConfigurationException("@TestExecutor " + member + " must be an Executor, is " + type.getName());
        }
    }
}
