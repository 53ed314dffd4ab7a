package dev.kysera.testing.internal;

import dev.kysera.executor.Executor;
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
     * The executor of the test class of {@code context}, read from its {@code @TestExecutor}
     * member (on the test instance when it is not static).
     *
     * @throws ExtensionConfigurationException if there is not exactly one such member, it is not
     *                                         an {@link Executor}, or it yields {@code null}
     */
    public static Executor find(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<Object> instances = context.getTestInstances().map(TestInstances::getAllInstances).orElse(List.of());
        // Innermost class first: a @Nested class may declare its own executor or use its enclosing class's.
        for (Class<?> type = testClass; type != null; type = enclosingOfInner(type)) {
            List<Member> members = new ArrayList<>();
            members.addAll(AnnotationSupport.findAnnotatedFields(type, TestExecutor.class));
            members.addAll(AnnotationSupport.findAnnotatedMethods(type, TestExecutor.class, HierarchyTraversalMode.TOP_DOWN));
            if (members.size() > 1) {
                throw new ExtensionConfigurationException(type.getName() + " must declare exactly one @TestExecutor"
                        + " field or no-argument method supplying the Executor; found " + members.size());
            }
            if (members.size() == 1) {
                Class<?> declaring = type;
                Object instance = instances.stream().filter(declaring::isInstance).reduce((a, b) -> b).orElse(null);
                return read(members.getFirst(), instance);
            }
        }
        throw new ExtensionConfigurationException(testClass.getName() + " must declare exactly one @TestExecutor"
                + " field or no-argument method supplying the Executor (or its enclosing class, for @Nested); found 0");
    }

    /** The enclosing class of a non-static inner class (a {@code @Nested} test class), else null. */
    public static Class<?> enclosingOfInner(Class<?> type) {
        return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
    }

    private static Executor read(Member member, Object instance) {
        Object target = Modifier.isStatic(member.getModifiers()) ? null : instance;
        if (target == null && !Modifier.isStatic(member.getModifiers())) {
            throw new ExtensionConfigurationException("@TestExecutor " + member + " is an instance member but there is no test instance");
        }
        Object value = switch (member) {
            case Field field -> {
                check(field.getType(), member);
                yield ReflectionSupport.tryToReadFieldValue(field, target).getOrThrow(
                        e -> new ExtensionConfigurationException("Cannot read @TestExecutor " + member, e));
            }
            case Method method -> {
                check(method.getReturnType(), member);
                if (method.getParameterCount() != 0) {
                    throw new ExtensionConfigurationException("@TestExecutor method " + member + " must take no arguments");
                }
                yield ReflectionSupport.invokeMethod(method, target);
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
