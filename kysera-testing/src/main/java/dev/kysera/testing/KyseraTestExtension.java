package dev.kysera.testing;

import dev.kysera.executor.Executor;
import dev.kysera.testing.internal.ExecutorLookup;
import dev.kysera.testing.internal.RollbackRunner;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each test method (including {@code @RepeatedTest} and {@code @ParameterizedTest}
 * invocations) inside a transaction of the class's {@link TestExecutor} executor and rolls it back
 * when the test ends, passed or failed. Statements of code under test that run through that
 * executor, or any view of it, on the test's thread join the transaction; transactions it opens
 * itself become savepoints, so they commit and roll back as usual and still leave nothing behind.
 * {@link Commit} opts out. {@code @Nested} classes use their enclosing class's executor and
 * {@code @Commit} unless they declare their own. Test methods may declare an {@link Executor} parameter to receive it.
 *
 * <p>Limits: work on other threads does not join the test's transaction; nested transactions
 * cannot set an isolation level or read-only; lifecycle methods ({@code @BeforeEach}, …) run
 * outside it and commit.
 */
public final class KyseraTestExtension implements InvocationInterceptor, ParameterResolver {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        run(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        run(invocation, extensionContext);
    }

    private static void run(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Executor executor = ExecutorLookup.find(context);
        if (commits(context)) {
            invocation.proceed();
        } else {
            RollbackRunner.runAndRollBack(executor, invocation::proceed);
        }
    }

    private static boolean commits(ExtensionContext context) {
        if (context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, Commit.class)).orElse(false)) {
            return true;
        }
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = ExecutorLookup.enclosingOfInner(type)) {
            if (AnnotationSupport.isAnnotated(type, Commit.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Executor.class
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ExecutorLookup.find(extensionContext);
    }
}
