package dev.kysera.testing;

import dev.kysera.executor.Executor;
import dev.kysera.testing.internal.Cleaner;
import dev.kysera.testing.internal.DatabaseServers;
import dev.kysera.testing.internal.ExecutorLookup;
import dev.kysera.testing.internal.MatrixEntry;
import dev.kysera.testing.internal.ParameterTypes;
import dev.kysera.testing.internal.RollbackRunner;
import dev.kysera.testing.internal.Seeds;
import dev.kysera.testing.seed.Seeding;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each test method (including {@code @RepeatedTest}, {@code @ParameterizedTest} and
 * {@link DatabaseTest} invocations) inside a transaction of the test's executor and rolls it back
 * when the test ends, passed or failed. Statements of code under test that run through that
 * executor, or any view of it, on the test's thread join the transaction; transactions it opens
 * itself become savepoints, so they commit and roll back as usual and still leave nothing behind.
 * {@link Seed} seeders run inside it first. {@link Commit} opts out, with a {@link Cleaning} after
 * the test. {@code @Nested} classes use their enclosing class's executor and {@code @Commit}
 * unless they declare their own.
 *
 * <p>The executor is the class's {@link TestExecutor}, or in a {@link DatabaseTest} the one made
 * for the invocation's {@link TestDatabase}. Test and lifecycle methods may declare parameters of
 * type {@link Executor}, {@link DSLContext} (the executor's), {@code Repositories}
 * (kysera-repository) and {@code DbContext} (kysera-dal) over it, and in a {@code DatabaseTest}
 * {@link TestDatabase} and {@link Database}.
 *
 * <p>Limits: work on other threads does not join the test's transaction; nested transactions
 * cannot set an isolation level or read-only; lifecycle methods ({@code @BeforeEach}, …) run
 * outside it and commit.
 */
public final class KyseraTestExtension implements InvocationInterceptor, ParameterResolver, TestTemplateInvocationContextProvider {

    static {
        // jOOQ's DataType registry is filled lazily by static initialisers; tests that start on
        // several threads at once can otherwise see "Long is not supported in dialect DEFAULT"
        // (jOOQ #18582, #19529). Touching the registry once, before any test runs, fills it.
        SQLDataType.BIGINT.getType();
        DSL.using(SQLDialect.DEFAULT);
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KyseraTestExtension.class);
    private static final List<Database> DEFAULT_DATABASES = List.of(Database.SQLITE, Database.H2, Database.POSTGRES);

    /** Creates the extension; JUnit does this for {@link KyseraTest} and {@link DatabaseTest}. */
    public KyseraTestExtension() {
    }

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
        Executor executor = executor(context);
        Optional<Commit> commit = commit(context);
        Optional<MatrixEntry> entry = matrixEntry(context);
        Optional<Seeding> seeding = Seeds.of(context);
        // The history table is DDL, which MySQL/MariaDB would commit inside the test's transaction.
        seeding.ifPresent(s -> Seeding.createHistoryTable(entry.map(e -> e.database().dsl()).orElseGet(executor::dsl)));
        if (commit.isEmpty()) {
            RollbackRunner.runAndRollBack(executor, () -> {
                seeding.ifPresent(s -> s.apply(executor));
                invocation.proceed();
            });
            return;
        }
        Cleaning cleaning = commit.get().clean();
        Set<String> keep = new LinkedHashSet<>(List.of(commit.get().keep()));
        if (!keep.isEmpty() && (cleaning == Cleaning.NONE || cleaning == Cleaning.RECREATE_SCHEMA)) {
            throw new ExtensionConfigurationException("@Commit(keep = " + keep + ") needs clean = TRUNCATE or DELETE, is " + cleaning);
        }
        if (cleaning == Cleaning.RECREATE_SCHEMA && entry.isEmpty()) {
            throw new ExtensionConfigurationException("@Commit(clean = RECREATE_SCHEMA) needs a @DatabaseTest: only the"
                    + " matrix's isolated databases can be dropped and created again");
        }
        Throwable failure = null;
        try {
            seeding.ifPresent(s -> s.apply(executor));
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        }
        try {
            switch (cleaning) {
                case NONE -> { }
                case RECREATE_SCHEMA -> entry.orElseThrow().recreate();
                // The matrix's own plain context, else the executor without plugins (which a fail-closed
                // plugin refuses: cleaning must not run past row-level security unnoticed).
                case TRUNCATE, DELETE -> Cleaner.clean(cleaning,
                        entry.map(e -> e.database().dsl()).orElseGet(() -> executor.withoutPlugins().dsl()), keep);
            }
        } catch (Throwable cleanFailure) {
            if (failure == null) {
                throw cleanFailure;
            }
            failure.addSuppressed(cleanFailure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The nearest {@link Commit}: the method's, else the innermost enclosing class's. */
    private static Optional<Commit> commit(ExtensionContext context) {
        Optional<Commit> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, Commit.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = ExecutorLookup.enclosingOfInner(type)) {
            Optional<Commit> onClass = AnnotationSupport.findAnnotation(type, Commit.class);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    /** The executor of this test: the invocation's database's, else the class's {@code @TestExecutor}. */
    private static Executor executor(ExtensionContext context) {
        Optional<MatrixEntry> entry = matrixEntry(context);
        if (entry.isEmpty()) {
            return ExecutorLookup.find(context);
        }
        TestDatabase database = entry.get().database();
        Optional<Method> factory = ExecutorLookup.databaseFactory(context);
        return entry.get().executor(factory.<Object>map(m -> m).orElse(Executor.class), () -> factory
                .map(m -> ExecutorLookup.create(m, context, database))
                .orElseGet(() -> Executor.builder().dataSource(database.dataSource(), database.dialect()).build()));
    }

    /** The isolated database of this invocation's {@link Database}, opened on first use by the outermost test class. */
    private static Optional<MatrixEntry> matrixEntry(ExtensionContext context) {
        Database database = context.getStore(NAMESPACE).get(Database.class, Database.class);
        if (database == null) {
            return Optional.empty();
        }
        ExtensionContext classContext = outermostClassContext(context);
        DatabaseServers servers = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(DatabaseServers.class,
                k -> new DatabaseServers(context::getConfigurationParameter), DatabaseServers.class);
        TestSchema schema = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), TestSchema.class).orElse(null);
        return Optional.of(classContext.getStore(NAMESPACE).getOrComputeIfAbsent(new EntryKey(database),
                k -> new MatrixEntry(servers.open(database), schema), MatrixEntry.class));
    }

    private static ExtensionContext outermostClassContext(ExtensionContext context) {
        ExtensionContext classContext = null;
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                classContext = c;
            }
        }
        if (classContext == null) {
            throw new IllegalStateException("no test class around " + context.getUniqueId());
        }
        return classContext;
    }

    private record EntryKey(Database database) {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, DatabaseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DatabaseTest test = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), DatabaseTest.class).orElseThrow();
        List<Database> databases = test.value().length == 0 ? DEFAULT_DATABASES : List.copyOf(new LinkedHashSet<>(List.of(test.value())));
        String name = context.getDisplayName();
        return databases.stream().map(database -> new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + database.label() + "] " + name;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                // Opened before anything else runs, so an unavailable database fails with its own exception.
                return List.of((BeforeEachCallback) c -> {
                    c.getStore(NAMESPACE).put(Database.class, database);
                    matrixEntry(c);
                });
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (!(parameterContext.getDeclaringExecutable() instanceof Method)) {
            return false;
        }
        if (type == TestDatabase.class || type == Database.class) {
            return extensionContext.getStore(NAMESPACE).get(Database.class, Database.class) != null;
        }
        return type == Executor.class || type == DSLContext.class || ParameterTypes.isOptional(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == Database.class) {
            return extensionContext.getStore(NAMESPACE).get(Database.class, Database.class);
        }
        if (type == TestDatabase.class) {
            return matrixEntry(extensionContext).orElseThrow().database();
        }
        Executor executor = executor(extensionContext);
        if (type == Executor.class) {
            return executor;
        }
        return type == DSLContext.class ? executor.dsl() : ParameterTypes.resolve(type, executor);
    }
}
