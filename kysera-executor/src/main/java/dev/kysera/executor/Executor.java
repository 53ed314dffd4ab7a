package dev.kysera.executor;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.executor.internal.ExecutorConfigurations;
import dev.kysera.executor.internal.ExecutorLifecycle;
import dev.kysera.executor.internal.ExternalTransactions;
import dev.kysera.executor.internal.PlanCache;
import dev.kysera.executor.internal.PluginOrder;
import dev.kysera.executor.internal.Scope;
import dev.kysera.executor.internal.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.Meta;
import org.jooq.Readonly;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.TransactionProperty;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * The unified execution layer: a jOOQ {@link DSLContext} through which every statement, however it
 * was built, is planned and rewritten by the roles of an ordered list of {@link Plugin}s, observed
 * when it runs, and whose errors arrive as Kysera's typed exceptions.
 *
 * <p>An executor is immutable and thread-safe. {@link #with(ContextKey, Object)},
 * {@link #withoutPlugin(String)}, {@link #bypassing(BypassToken)} and {@link #withoutPlugins()}
 * return derived executors — views that share the plugins and connections and cannot close them;
 * transactions hand the block a view bound to the transaction. Only the executor
 * {@link Builder#build()} returned closes them; after that every view refuses work.
 *
 * <pre>{@code
 * Executor executor = Executor.builder().dsl(dsl).plugin(softDelete).build();
 * executor.dsl().selectFrom(USERS).fetch();   // soft-deleted users are filtered out
 * }</pre>
 */
public final class Executor implements AutoCloseable {

    private final ExecutorLifecycle lifecycle;
    private final Configuration source;
    private final Scope scope;
    private final DSLContext dsl;
    private final boolean owner;

    private Executor(ExecutorLifecycle lifecycle, Configuration source, Scope scope, boolean owner) {
        this.lifecycle = lifecycle;
        this.source = source;
        this.scope = scope;
        this.owner = owner;
        this.dsl = DSL.using(ExecutorConfigurations.forExecutor(source, scope));
    }

    /** A view with the same configuration and another scope: only the scope changes. */
    private Executor(Executor template, Scope scope) {
        this.lifecycle = template.lifecycle;
        this.source = template.source;
        this.scope = scope;
        this.owner = false;
        this.dsl = DSL.using(ExecutorConfigurations.rescoped(template.dsl.configuration(), scope));
    }

    /**
     * Starts building an executor.
     *
     * @return a new builder with no configuration and no plugins
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an executor over {@code dsl} with these plugins, translating errors with
     * {@link ErrorTranslator#standard()}; shorthand for the builder.
     *
     * @param dsl     the jOOQ context whose configuration (connections, dialect, settings, listeners) statements run through
     * @param plugins the plugins, in registration order (the executor then orders them by priority and dependencies)
     * @return the new executor, which the caller owns and closes
     * @throws IllegalStateException        if {@code dsl}'s dialect is {@link SQLDialect#DEFAULT}
     * @throws PluginConfigurationException if the plugin list is inconsistent (duplicate names, missing
     *                                      dependencies, conflicts, cycles)
     * @throws PluginLifecycleException     if a plugin's {@link Plugin#onInit} fails
     */
    public static Executor of(DSLContext dsl, Plugin... plugins) {
        return builder().dsl(dsl).plugins(List.of(plugins)).build();
    }

    /**
     * The plugin-aware jOOQ context. Everything run through it, or through objects attached to it
     * ({@code UpdatableRecord}s, DAOs over its configuration), is rewritten by the active plugins,
     * and database errors arrive as Kysera's typed exceptions ({@code UniqueConstraintException},
     * {@code TransientDatabaseException}, … with jOOQ's exception as the cause). Statements run
     * while a transaction of this executor is open on the current thread join that transaction.
     * Rendering a query ({@code toString()}, {@code getSQL()}) never fails: refusals are raised
     * when the statement executes.
     *
     * @return the context; executing through it after {@link #close()} throws {@link ExecutorClosedException}
     */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs a statement shape with this call's values, as {@code shape}'s statement built with them
     * and fetched through {@link #dsl()} would run: the same plugins, context, transaction, errors
     * and records. Once the shape is planned, a call skips jOOQ's rendering and execution (see the
     * README, "Statement shapes", for when it does not).
     *
     * @param shape  the shape
     * @param values the call's values, by the indexes the shape's factory reads them with
     * @return the rows
     * @throws ExecutorClosedException        if the executor was closed
     * @throws UnsupportedStatementException if a plugin refuses the statement
     */
    public Result<Record> fetch(StatementShape shape, Object... values) {
        return shape.plans().fetch(dsl.configuration(), values);
    }

    /**
     * Whether statements outside a transaction each take their own connection from a
     * {@code DataSource} (so independent statements may run concurrently), rather than sharing
     * one connection. False inside a transaction.
     *
     * @return true when the executor was built on a {@code DataSource} and no transaction is in effect
     */
    public boolean connectsPerStatement() {
        return scope.effectiveTransaction() == null && lifecycle.connectsPerStatement();
    }

    /**
     * jOOQ's metadata (tables, columns, keys) over this executor's connections, read without the
     * plugins: catalogs hold no application rows, and jOOQ's catalog queries (plain SQL with table
     * functions on SQLite) cannot be checked by fail-closed plugins, which refuse them on
     * {@code dsl().meta()}.
     *
     * @return jOOQ's metadata, read lazily from the database
     * @throws ExecutorClosedException if the executor was closed
     */
    public Meta meta() {
        lifecycle.requireOpen();
        return DSL.using(source).meta();
    }

    /**
     * All registered plugins, in run order, whether or not this view bypasses them.
     *
     * @return an immutable list
     */
    public List<Plugin> plugins() {
        return lifecycle.plugins();
    }

    /**
     * The plugins that apply to statements run through this executor, in run order: the registered
     * ones minus those this view bypasses.
     *
     * @return an immutable list
     */
    public List<Plugin> activePlugins() {
        return scope.active();
    }

    /**
     * Whether statements of this executor run inside a transaction: the one it is bound to, or one
     * of the same executor open (or adopted) on the current thread.
     *
     * @return true inside a transaction
     */
    public boolean inTransaction() {
        return scope.effectiveTransaction() != null;
    }

    /**
     * The transaction statements of this executor run in, if any: the one it is bound to, else the
     * one of the same executor open on the current thread. Register after-commit work on it.
     *
     * @return the transaction's handle, or empty outside a transaction
     */
    public Optional<TransactionHandle> transaction() {
        return Optional.ofNullable(scope.effectiveTransaction());
    }

    /**
     * The attribute's value in this executor's context, as plugins see it.
     *
     * @param <T> the attribute's type
     * @param key the attribute
     * @return its value, or empty if it is not set
     */
    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(scope.attributes().get(key)).map(key::cast);
    }

    /**
     * A derived executor whose statements see {@code key = value} (e.g. the current tenant). A
     * {@code null} value removes the attribute. This executor is unchanged.
     *
     * @param <T>   the attribute's type
     * @param key   the attribute
     * @param value its value, or {@code null} to remove it
     * @return a view with the attribute set, sharing this executor's plugins, connections and transaction
     * @throws NullPointerException if {@code key} is null
     */
    public <T> Executor with(ContextKey<T> key, T value) {
        return new Executor(this, scope.withAttribute(Objects.requireNonNull(key, "key"), value));
    }

    /**
     * A derived executor with all these attributes set, as by {@link #with(ContextKey, Object)} for each.
     *
     * @param attributes the attributes and their values
     * @return a view with the attributes set
     * @throws ClassCastException if a value is not of its key's type
     */
    public Executor with(Map<ContextKey<?>, ?> attributes) {
        Scope result = scope;
        for (Map.Entry<ContextKey<?>, ?> entry : attributes.entrySet()) {
            result = withAttribute(result, entry.getKey(), entry.getValue());
        }
        return new Executor(this, result);
    }

    private static <T> Scope withAttribute(Scope scope, ContextKey<T> key, Object value) {
        return scope.withAttribute(key, key.cast(value));
    }

    /**
     * A derived executor on which the named plugin does not apply; the others still do. The
     * bypass is narrow and explicit: it covers only what runs through the returned executor.
     * Fail-closed plugins cannot be bypassed by name: use {@link #bypassing(BypassToken)}.
     *
     * @param name the plugin's {@link Plugin#name()}
     * @return a view without that plugin
     * @throws PluginConfigurationException if no plugin of that name is registered
     *                                      ({@code PLUGIN_NOT_FOUND}) or it is fail-closed ({@code PLUGIN_BYPASS_REFUSED})
     */
    public Executor withoutPlugin(String name) {
        Plugin plugin = requirePlugin(name);
        if (lifecycle.roles().enforces(plugin)) {
            throw new PluginConfigurationException(PluginConfigurationException.BYPASS_REFUSED, "Plugin '" + name
                    + "' fails closed and cannot be bypassed by name; use the bypass token it issues", List.of(name));
        }
        return without(Set.of(plugin));
    }

    /**
     * A derived executor on which the fail-closed plugins that accept {@code token} do not apply;
     * their {@linkplain PluginRoles#bypassObserver bypass observers} see every statement it runs.
     *
     * @param token a token issued by the plugin(s) to bypass
     * @return a view without the plugins whose {@link Enforcement#permitsBypass} accepts the token
     * @throws NullPointerException if {@code token} is null
     * @throws PluginConfigurationException ({@code PLUGIN_BYPASS_REFUSED}) if no active plugin accepts the token
     */
    public Executor bypassing(BypassToken token) {
        List<Plugin> bypassed = scope.roles().bypassedBy(Objects.requireNonNull(token, "token"));
        if (bypassed.isEmpty()) {
            throw new PluginConfigurationException(PluginConfigurationException.BYPASS_REFUSED,
                    "No active plugin accepts " + token, List.of());
        }
        return without(Set.copyOf(bypassed));
    }

    private Executor without(Set<Plugin> plugins) {
        return new Executor(this, scope.withActive(scope.active().stream().filter(p -> !plugins.contains(p)).toList()));
    }

    /**
     * A derived executor on which no plugin applies: plain jOOQ on the same connections, still with
     * typed errors and this executor's transaction.
     *
     * @return a view without any plugin
     * @throws PluginConfigurationException ({@code PLUGIN_BYPASS_REFUSED}) if a fail-closed plugin is active
     */
    public Executor withoutPlugins() {
        if (scope.roles().failClosed()) {
            throw new PluginConfigurationException(PluginConfigurationException.BYPASS_REFUSED,
                    "Fail-closed plugins are active and cannot be bypassed all at once; use their bypass tokens", List.of());
        }
        return without(Set.copyOf(scope.active()));
    }

    /**
     * A derived executor whose jOOQ settings are changed by {@code change} — e.g. a render mapping
     * that points unqualified tables at a tenant's schema. Plugins, attributes, bypasses and the
     * transaction (its connection) are kept.
     *
     * @param change receives a copy of the current settings and returns the settings to use
     * @return a view rendering with the changed settings
     */
    public Executor withSettings(UnaryOperator<Settings> change) {
        Settings base = source.settings() == null ? new Settings() : (Settings) source.settings().clone();
        return new Executor(lifecycle, source.derive(change.apply(base)), scope, false);
    }

    /**
     * Runs {@code block} with {@link #withoutPlugin(String) withoutPlugin(name)}.
     *
     * @param <T>   what the block returns
     * @param name  the plugin to bypass
     * @param block the work to run without it
     * @return what the block returned
     * @throws PluginConfigurationException if no plugin of that name is registered or it is fail-closed
     */
    public <T> T withoutPlugin(String name, Function<Executor, T> block) {
        return block.apply(withoutPlugin(name));
    }

    /**
     * Runs {@code work} in a transaction and commits, or rolls back and rethrows if it throws.
     * Inside a transaction of this executor — the one this executor is bound to, or one open on
     * the current thread — it opens a savepoint instead. The block's executor keeps this
     * executor's plugins, attributes and bypasses. Every transaction passes the decorators of
     * {@link Builder#decorateTransactions}.
     *
     * @param work       the block; it receives an executor bound to the transaction, valid only until the block returns
     * @param properties isolation level ({@link Isolation}) and {@link Readonly}; only for the
     *                   outermost transaction
     * @throws IllegalStateException if properties are given for a nested transaction, where the
     *                               database cannot change them
     * @throws dev.kysera.core.error.KyseraException if the transaction cannot begin, commit or roll
     *                                               back (transient where retrying may succeed)
     * @throws ExecutorClosedException if the executor was closed
     * @throws TransactionEndedException if this is the executor of a transaction that has ended
     * @throws RuntimeException        what {@code work}, or a transaction observer's {@code beforeCommit}, threw, after the rollback
     */
    public void transaction(Consumer<Executor> work, TransactionProperty... properties) {
        transactionResult(tx -> {
            work.accept(tx);
            return null;
        }, properties);
    }

    /**
     * Like {@link #transaction(Consumer, TransactionProperty...)} but returns the block's result.
     *
     * @param <T>        what the block returns
     * @param work       the block; it receives an executor bound to the transaction
     * @param properties isolation level and read-only; only for the outermost transaction
     * @return what {@code work} returned, once committed
     * @throws IllegalStateException   if properties are given for a nested transaction
     * @throws dev.kysera.core.error.KyseraException if the transaction cannot begin, commit or roll back
     * @throws ExecutorClosedException if the executor was closed
     * @throws TransactionEndedException if this is the executor of a transaction that has ended
     * @throws RuntimeException        what {@code work}, or a transaction observer's {@code beforeCommit}, threw, after the rollback
     */
    public <T> T transactionResult(Function<Executor, T> work, TransactionProperty... properties) {
        Objects.requireNonNull(work, "work");
        TransactionRequest request = Transactions.request(List.of(properties), scope.effectiveTransaction() != null);
        TransactionRunner base = new TransactionRunner() {
            @Override
            public <R> R run(TransactionRequest ignored, Function<Executor, R> block) {
                return Transactions.run(scope, source, scope.effectiveTransaction(), request,
                        txScope -> new Executor(lifecycle, txScope.transaction().configuration(), txScope, false), block);
            }
        };
        return lifecycle.decorate(base).run(request, work);
    }

    /**
     * Makes a transaction that someone else began on the current thread — Spring's transaction
     * manager, say, whose connection this executor's {@code DataSource} or {@code DSLContext} now
     * hands out — a transaction of this executor until its owner reports the outcome on the
     * returned object: statements join it, {@link #transaction} calls nest in it as savepoints,
     * {@link #transaction()} returns it, and the plugins' transaction observers run (their
     * {@code afterBegin} before this method returns).
     *
     * @return the adopted transaction, on which the owner reports its outcome
     * @throws IllegalStateException if a transaction of this executor is already open on this thread
     * @throws ExecutorClosedException if the executor was closed
     */
    public ExternalTransaction adoptTransaction() {
        return ExternalTransactions.adopt(scope, source);
    }

    /**
     * The extension registered under {@code key}, built for {@code target}.
     *
     * @param <T>    what the extension attaches to
     * @param <X>    the extension's type
     * @param key    which extension
     * @param target what to build it for (e.g. a repository)
     * @return the extension, from the first registered plugin that offers the key
     * @throws PluginConfigurationException ({@code PLUGIN_NOT_FOUND}) if no registered plugin offers it
     */
    public <T, X> X extension(Extension.Key<T, X> key, T target) {
        return findExtension(key, target).orElseThrow(() -> new PluginConfigurationException(PluginConfigurationException.NOT_FOUND,
                "No registered plugin offers the extension '" + key.name() + "'", List.of()));
    }

    /**
     * The extension registered under {@code key}, built for {@code target}, if a plugin offers it.
     *
     * @param <T>    what the extension attaches to
     * @param <X>    the extension's type
     * @param key    which extension
     * @param target what to build it for
     * @return the extension, or empty when no registered plugin offers the key
     */
    @SuppressWarnings("unchecked")
    public <T, X> Optional<X> findExtension(Extension.Key<T, X> key, T target) {
        for (Plugin plugin : lifecycle.plugins()) {
            for (Extension<?, ?> extension : plugin.extensions()) {
                if (extension.key() == key) {
                    return Optional.of(((Extension<T, X>) extension).factory().apply(target));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Closes the executor: runs every plugin's {@link Plugin#onDestroy()} in reverse order, once,
     * even if some fail; afterwards this executor and every view of it refuse statements and
     * transactions with {@link ExecutorClosedException}. Only the executor the builder returned may
     * close; closing it again does nothing.
     *
     * @throws PluginLifecycleException with the first failure as cause and the others suppressed
     * @throws IllegalStateException    if this is a derived executor (a view), which cannot close what it shares
     */
    @Override
    public void close() {
        if (!owner) {
            throw new IllegalStateException("This is a derived executor (from with(…), a bypass or a transaction); "
                    + "only the executor built by Executor.builder() can be closed");
        }
        lifecycle.close();
    }

    /**
     * Whether the executor (or the one this view derives from) was closed.
     *
     * @return true once {@link #close()} ran on the owning executor
     */
    public boolean isClosed() {
        return lifecycle.isClosed();
    }

    /**
     * A snapshot of the plan cache this executor and its views share.
     *
     * @return the cache's state and counters at the time of the call
     */
    public PlanCacheStatistics planCache() {
        return lifecycle.planCache().statistics();
    }

    private Plugin requirePlugin(String name) {
        return lifecycle.plugins().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new PluginConfigurationException(PluginConfigurationException.NOT_FOUND,
                        "No plugin named '" + name + "' is registered", List.of(name)));
    }

    @Override
    public String toString() {
        return "Executor[plugins=" + scope.active().stream().map(Plugin::name).toList()
                + (scope.transaction() != null ? ", " + scope.transaction() : "") + (owner ? "" : ", view") + "]";
    }

    /** Builds an {@link Executor}. Not thread-safe; the executor it builds is. */
    public static final class Builder {
        private Configuration configuration;
        private final List<Plugin> plugins = new ArrayList<>();
        private boolean translateErrors = true;
        private ErrorTranslator translator = ErrorTranslator.standard();
        private final List<UnaryOperator<TransactionRunner>> decorators = new ArrayList<>();
        private final List<StatementGuard> statementGuards = new ArrayList<>();
        private int planCacheSize = PlanCache.DEFAULT_SIZE;

        private Builder() {
        }

        /**
         * Runs statements through this jOOQ context's configuration.
         *
         * @param dsl the context; its configuration replaces any given before
         * @return this builder
         */
        public Builder dsl(DSLContext dsl) {
            return configuration(dsl.configuration());
        }

        /**
         * Runs statements through this jOOQ configuration (its listeners, settings and connections kept).
         *
         * @param configuration the configuration; replaces any given before
         * @return this builder
         * @throws NullPointerException if {@code configuration} is null
         */
        public Builder configuration(Configuration configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * Runs statements on connections from {@code dataSource}, rendered for {@code dialect}; each
         * statement outside a transaction takes its own connection.
         *
         * @param dataSource where connections come from
         * @param dialect    the database's dialect
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder dataSource(DataSource dataSource, SQLDialect dialect) {
            return dsl(DSL.using(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(dialect, "dialect")));
        }

        /**
         * Registers a plugin; run order is decided by dependencies, then priorities, then registration order.
         *
         * @param plugin the plugin
         * @return this builder
         * @throws NullPointerException if {@code plugin} is null
         */
        public Builder plugin(Plugin plugin) {
            plugins.add(Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        /**
         * Registers plugins, in this registration order.
         *
         * @param plugins the plugins
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder plugins(List<? extends Plugin> plugins) {
            plugins.forEach(this::plugin);
            return this;
        }

        /**
         * Whether database errors become Kysera's typed exceptions (default) or stay jOOQ's
         * {@code DataAccessException}s.
         *
         * @param translate false to keep jOOQ's exceptions
         * @return this builder
         */
        public Builder translateErrors(boolean translate) {
            this.translateErrors = translate;
            return this;
        }

        /**
         * Translates database errors with this translator instead of {@link ErrorTranslator#standard()}.
         *
         * @param translator the translator
         * @return this builder
         * @throws NullPointerException if {@code translator} is null
         */
        public Builder errorTranslator(ErrorTranslator translator) {
            this.translator = Objects.requireNonNull(translator, "translator");
            return this;
        }

        /**
         * Wraps every transaction in {@code decorator}: it receives the runner to delegate to and
         * returns one that, e.g., retries whole attempts. The first registered decorator is outermost.
         *
         * @param decorator wraps the runner it is given
         * @return this builder
         * @throws NullPointerException if {@code decorator} is null
         */
        public Builder decorateTransactions(UnaryOperator<TransactionRunner> decorator) {
            decorators.add(Objects.requireNonNull(decorator, "decorator"));
            return this;
        }

        /**
         * Passes every statement run outside a transaction through {@code guard} (see
         * {@link StatementGuard}); the first registered is outermost. Transactions do not pass it.
         *
         * @param guard the guard
         * @return this builder
         * @throws NullPointerException if {@code guard} is null
         */
        public Builder guardStatements(StatementGuard guard) {
            statementGuards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /**
         * How many statement shapes the plan cache keeps (default {@value PlanCache#DEFAULT_SIZE};
         * 0 turns it off). A repeated statement shape then skips the plugins' rewrite and the
         * rendering of its rewritten copy; plugins still decide on every execution and their
         * values stay bind values. See the module README for what is cached.
         *
         * @param size the number of shapes, 0 for no cache
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is negative
         */
        public Builder planCacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("planCacheSize must be 0 (off) or positive, was " + size);
            }
            this.planCacheSize = size;
            return this;
        }

        /**
         * Validates and orders the plugins, collects their roles ({@link Plugin#register}), runs their
         * {@link Plugin#onInit}, and builds the executor.
         *
         * @return the owning executor: close it to destroy the plugins
         * @throws PluginConfigurationException if the plugin list is inconsistent, or a plugin registers its
         *                                      {@link Enforcement} twice
         * @throws PluginLifecycleException if a plugin fails to initialize (those already initialized are destroyed)
         * @throws IllegalStateException if no jOOQ configuration, context or data source was given, or its
         *                               dialect is {@link SQLDialect#DEFAULT}
         */
        public Executor build() {
            if (configuration == null) {
                throw new IllegalStateException("Executor needs a DSLContext, Configuration or DataSource");
            }
            if (configuration.dialect() == SQLDialect.DEFAULT) {
                throw new IllegalStateException("Executor needs a configuration with an explicit SQL dialect, not DEFAULT");
            }
            ExecutorLifecycle lifecycle = new ExecutorLifecycle(PluginOrder.resolve(plugins), translateErrors ? translator : null,
                    decorators, configuration.connectionProvider() instanceof DataSourceConnectionProvider);
            lifecycle.planCacheSize(planCacheSize);
            lifecycle.statementGuards(statementGuards);
            Configuration source = ExecutorConfigurations.source(configuration, lifecycle);
            lifecycle.init(DSL.using(ExecutorConfigurations.withoutKysera(configuration)));
            return new Executor(lifecycle, source, Scope.root(lifecycle), true);
        }
    }
}
