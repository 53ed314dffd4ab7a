package dev.kysera.rls;

import dev.kysera.executor.BypassToken;
import dev.kysera.executor.ColumnMask;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Enforcement;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.rls.internal.BypassRecorder;
import dev.kysera.rls.internal.NativeContext;
import dev.kysera.rls.internal.Names;
import dev.kysera.rls.internal.PolicyEngine;
import dev.kysera.rls.internal.StatementGuard;
import dev.kysera.rls.internal.ThreadScope;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.Field;

/**
 * Row-level security enforced in SQL on every statement run through the executor: each
 * occurrence of a protected table (aliases, joins, subqueries, CTEs, set operations, parsed plain
 * SQL) gets its policy's condition; UPDATE and DELETE only touch rows the policy permits; what
 * creates and updates write is checked against the policy's validate rules (in Java for known
 * values, in SQL for expressions, refused otherwise). Always fail-closed: relations without a
 * policy (unless {@linkplain RlsOptions#harmless() harmless}), views, MERGE, unparseable plain SQL
 * and unmodelled statements are refused before they reach the database.
 *
 * <p>The context is set per executor: {@code executor.with(RlsPlugin.CONTEXT, RlsContext.of(…))},
 * or for a block on the current thread with {@link #runAs(RlsContext, Runnable)}; the executor's
 * wins when both are set.
 * The plugin can only be bypassed with the {@link BypassToken} claimed once from
 * {@link #claimBypassToken(String)}; {@code withoutPlugin(name)} is refused.
 */
public final class RlsPlugin implements Plugin {

    /** Where statements find the current {@link RlsContext}. */
    public static final ContextKey<RlsContext> CONTEXT = ContextKey.of("rls", RlsContext.class);

    private final RlsOptions options;
    private final PolicyEngine engine;
    private final AtomicReference<BypassToken> bypass = new AtomicReference<>();

    private RlsPlugin(RlsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.engine = new PolicyEngine(options, CONTEXT);
    }

    /**
     * Creates the plugin; give it to the executor with the other plugins.
     *
     * @param options what to enforce
     * @return a plugin enforcing these options
     * @throws NullPointerException for null options
     */
    public static RlsPlugin of(RlsOptions options) {
        return new RlsPlugin(options);
    }

    /**
     * A plugin that protects everything by refusing it.
     *
     * @return a plugin with {@link RlsOptions#defaults()}: it refuses every relation
     */
    public static RlsPlugin create() {
        return of(RlsOptions.defaults());
    }

    /**
     * What this plugin enforces.
     *
     * @return the options
     */
    public RlsOptions options() {
        return options;
    }

    /**
     * Where statements find the context.
     *
     * @return {@link #CONTEXT}
     */
    public ContextKey<RlsContext> contextKey() {
        return CONTEXT;
    }

    /**
     * Runs {@code block} on the current thread with {@code context} for statements whose executor
     * has none; nested blocks restore the outer context, also when they throw. Threads started
     * inside the block do not inherit it (their statements then have no context and are refused).
     *
     * @param context the context, or {@code null} to run the block without one
     * @param block   the code to run
     * @throws NullPointerException for a null block
     */
    public static void runAs(RlsContext context, Runnable block) {
        Objects.requireNonNull(block, "block");
        ThreadScope.call(context, () -> {
            block.run();
            return null;
        });
    }

    /**
     * {@link #runAs(RlsContext, Runnable)} returning the block's result.
     *
     * @param <T>     the result's type
     * @param context the context, or {@code null} to run the block without one
     * @param block   the code to run
     * @return what the block returned
     * @throws NullPointerException for a null block
     */
    public static <T> T callAs(RlsContext context, Supplier<T> block) {
        return ThreadScope.call(context, block);
    }

    /**
     * The one token that lets its holder run statements without this plugin
     * ({@code executor.bypassing(token)}), for system code such as migrations and maintenance jobs.
     * It can be claimed once: claim it while wiring the application, before request code can reach
     * the plugin, and keep it there.
     *
     * @param purpose what the token is for, shown in logs
     * @return the token; {@code executor.bypassing(token)} runs without this plugin
     * @throws IllegalStateException when the token was already claimed
     * @throws IllegalArgumentException for a blank purpose
     */
    public BypassToken claimBypassToken(String purpose) {
        BypassToken token = BypassToken.create(Names.nonBlank("bypass purpose", purpose));
        if (!bypass.compareAndSet(null, token)) {
            throw new IllegalStateException("The bypass token of RLS plugin '" + name() + "' was already claimed");
        }
        return token;
    }

    @Override
    public String name() {
        return options.name();
    }

    /**
     * Runs before other plugins' filters.
     *
     * @return 1000
     */
    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public boolean appliesTo(TableReference table) {
        return engine.protects(table);
    }

    @Override
    public void register(PluginRoles roles) {
        roles.rowFilter(engine::rows)
                .writeValues(engine::stamps)
                .writeRule(engine::judge)
                .transform(engine::transform)
                .columnMask(new ColumnMask() {
                    @Override
                    public Map<String, Field<?>> masks(TableReference table, PluginContext context) {
                        return engine.masks(table, context);
                    }

                    @Override
                    public RuntimeException refuseTested(TableReference target, Operation operation, Set<String> columns,
                                                         PluginContext context) {
                        return engine.testedMasks(target, operation, columns, context);
                    }
                })
                .statementObserver(new StatementGuard(options, engine))
                .bypassObserver(new BypassRecorder(options, engine, () -> {
                    BypassToken token = bypass.get();
                    return token == null ? "unclaimed" : token.purpose();
                }));
        if (options.nativeContext()) {
            roles.transactionObserver(new NativeContext(engine, options.nativeRole()));
        }
        roles.enforcement(new Enforcement() {
                    @Override
                    public boolean knows(TableReference relation) {
                        return engine.knows(relation);
                    }

                    @Override
                    public boolean permitsBypass(BypassToken token) {
                        return token != null && token == bypass.get();
                    }
                });
    }

    @Override
    public String toString() {
        return "RlsPlugin[" + name() + ", tables=" + options.policies().keySet() + "]";
    }
}
