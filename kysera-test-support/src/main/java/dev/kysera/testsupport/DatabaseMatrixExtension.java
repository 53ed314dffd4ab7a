package dev.kysera.testsupport;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Expands a {@link MatrixTest} into one invocation per available engine. */
public final class DatabaseMatrixExtension implements TestTemplateInvocationContextProvider {

    static {
        // jOOQ's DataType registry is filled lazily by static initialisers; tests that start on
        // several threads at once can otherwise see "Long is not supported in dialect DEFAULT"
        // (jOOQ #18582, #19529). Touching the registry once, before any test runs, fills it.
        SQLDataType.BIGINT.getType();
        DSL.using(SQLDialect.DEFAULT);
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DatabaseMatrixExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(MatrixTest.class)).orElse(false);
    }

    /**
     * Engines not configured in this run (MariaDB outside CI) get an invocation that reports as
     * skipped, with the reason, so a MariaDB-only test is visible rather than absent. In CI every
     * engine is required, so none is ever skipped there.
     */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return false;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Set<Engine> wanted = wantedEngines(context.getRequiredTestMethod());
        ExtensionContext classContext = context.getParent().orElseThrow();
        Set<Engine> available = Set.copyOf(DatabaseServers.shared().availableEngines());
        return wanted.stream().map(engine -> available.contains(engine)
                ? invocation(engine, context.getDisplayName(), classContext)
                : notConfigured(engine, context.getDisplayName()));
    }

    private static TestTemplateInvocationContext notConfigured(Engine engine, String testName) {
        return named(engine, testName, (ExecutionCondition) context -> ConditionEvaluationResult.disabled(
                engine.label() + " is not configured in this run (set " + DatabaseServers.MYSQL_URL_VARIABLE + ")"));
    }

    private static Set<Engine> wantedEngines(Method method) {
        MatrixTest matrix = method.getAnnotation(MatrixTest.class);
        Set<Engine> wanted = matrix.only().length == 0 ? EnumSet.allOf(Engine.class) : EnumSet.copyOf(List.of(matrix.only()));
        List.of(matrix.except()).forEach(wanted::remove);
        return wanted;
    }

    private static TestTemplateInvocationContext invocation(
            Engine engine, String testName, ExtensionContext classContext) {
        return named(engine, testName, new DatabaseResolver(engine, classContext));
    }

    /** An invocation shown as {@code [engine] test} with one extension of its own. */
    private static TestTemplateInvocationContext named(Engine engine, String testName, Extension extension) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + engine.label() + "] " + testName;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(extension);
            }
        };
    }

    /** Hands each invocation the class's isolated database for its engine, creating it on first use. */
    private record DatabaseResolver(Engine engine, ExtensionContext classContext) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestDatabase.class || type == DSLContext.class || type == Engine.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (type == Engine.class) {
                return engine;
            }
            TestDatabase database = classContext.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(engine, e -> DatabaseServers.shared().open(e), TestDatabase.class);
            return type == DSLContext.class ? database.dsl() : database;
        }
    }
}
