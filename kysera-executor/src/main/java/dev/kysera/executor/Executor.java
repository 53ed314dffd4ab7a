package dev.kysera.executor;

import dev.kysera.executor.internal.ExecutorConfigurations;
import dev.kysera.executor.internal.PluginOrder;
import dev.kysera.executor.internal.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionProperty;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The unified execution layer: a jOOQ {@link DSLContext} through which every statement, however it
 * was built, is rewritten by an ordered list of {@link Plugin}s when it renders.
 *
 * <p>An executor is immutable and thread-safe. {@link #with(ContextKey, Object)},
 * {@link #withoutPlugin(String)} and {@link #withoutPlugins()} return derived executors that share
 * the plugins and connections; transactions hand the block a derived executor bound to the
 * transaction. Close the root executor to run the plugins' {@link Plugin#onDestroy()}.
 *
 * <pre>{@code
 * Executor executor = Executor.builder().dsl(dsl).plugin(softDelete).build();
 * executor.dsl().selectFrom(USERS).fetch();   // soft-deleted users are filtered out
 * }</pre>
 */
public final class Executor implements AutoCloseable {

    private final Lifecycle lifecycle;
    private final Configuration source;
    private final Scope scope;
    private final DSLContext dsl;

    private Executor(Lifecycle lifecycle, Configuration source, Scope scope) {
        this.lifecycle = lifecycle;
        this.source = source;
        this.scope = scope;
        this.dsl = DSL.using(ExecutorConfigurations.forExecutor(source, scope, lifecycle.translateErrors));
    }

    /** Same plugins, other attributes: reuse this executor's configuration, only the scope changes. */
    private Executor(Executor template, Scope scope) {
        this.lifecycle = template.lifecycle;
        this.source = template.source;
        this.scope = scope;
        this.dsl = DSL.using(ExecutorConfigurations.rescoped(template.dsl.configuration(), scope));
    }

    /** Starts building an executor. */
    public static Builder builder() {
        return new Builder();
    }

    /** An executor over {@code dsl} with these plugins (in registration order before sorting). */
    public static Executor of(DSLContext dsl, Plugin... plugins) {
        return builder().dsl(dsl).plugins(List.of(plugins)).build();
    }

    /**
     * The plugin-aware jOOQ context. Everything run through it, or through objects attached to it
     * ({@code UpdatableRecord}s, DAOs over its configuration), is rewritten by the active plugins,
     * and database errors arrive as Kysera's typed exceptions ({@code UniqueConstraintException},
     * {@code TransientDatabaseException}, … with jOOQ's exception as the cause). With no active
     * plugin and error translation off it is exactly the underlying jOOQ context.
     */
    public DSLContext dsl() {
        return dsl;
    }

    /** All registered plugins, in run order. */
    public List<Plugin> plugins() {
        return lifecycle.plugins;
    }

    /** The plugins that apply to statements run through this executor, in run order. */
    public List<Plugin> activePlugins() {
        return scope.active();
    }

    /** Whether statements run inside a transaction begun through an executor. */
    public boolean inTransaction() {
        return scope.inTransaction();
    }

    /** The attribute's value in this executor's context, if set. */
    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(scope.attributes().get(key)).map(key::cast);
    }

    /**
     * A derived executor whose statements see {@code key = value} (e.g. the current tenant). A
     * {@code null} value removes the attribute. This executor is unchanged.
     */
    public <T> Executor with(ContextKey<T> key, T value) {
        return new Executor(this, scope.withAttribute(Objects.requireNonNull(key, "key"), value));
    }

    /** A derived executor with all these attributes set. */
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
     *
     * @throws PluginConfigurationException if no plugin of that name is registered
     */
    public Executor withoutPlugin(String name) {
        requirePlugin(name);
        return new Executor(lifecycle, source, scope.withActive(scope.active().stream().filter(p -> !p.name().equals(name)).toList()));
    }

    /** A derived executor on which no plugin applies: plain jOOQ on the same connections. */
    public Executor withoutPlugins() {
        return new Executor(lifecycle, source, scope.withActive(List.of()));
    }

    /**
     * A derived executor whose jOOQ settings are changed by {@code change} — e.g. a render mapping
     * that points unqualified tables at a tenant's schema. Plugins, attributes, bypasses and the
     * transaction (its connection) are kept.
     */
    public Executor withSettings(UnaryOperator<Settings> change) {
        Settings base = source.settings() == null ? new Settings() : (Settings) source.settings().clone();
        return new Executor(lifecycle, source.derive(change.apply(base)), scope);
    }

    /** Runs {@code block} with an executor that bypasses the named plugin; returns its result. */
    public <T> T withoutPlugin(String name, Function<Executor, T> block) {
        return block.apply(withoutPlugin(name));
    }

    /**
     * Runs {@code work} in a transaction and commits, or rolls back and rethrows if it throws.
     * Inside a transaction it opens a savepoint instead. The block's executor keeps this executor's
     * plugins, attributes and bypasses.
     *
     * @param properties isolation level ({@link org.jooq.Isolation}) and {@link org.jooq.Readonly};
     *                   only for the outermost transaction
     * @throws IllegalStateException if properties are given for a nested transaction, where the
     *                               database cannot change them
     */
    public void transaction(Consumer<Executor> work, TransactionProperty... properties) {
        transactionResult(tx -> {
            work.accept(tx);
            return null;
        }, properties);
    }

    /** Like {@link #transaction} but returns the block's result. */
    public <T> T transactionResult(Function<Executor, T> work, TransactionProperty... properties) {
        if (scope.inTransaction() && properties.length > 0) {
            throw new IllegalStateException("Isolation level and read-only can only be set on the outermost transaction, "
                    + "not on a nested one (a savepoint)");
        }
        return dsl.transactionResult(configuration ->
                work.apply(new Executor(lifecycle, ExecutorConfigurations.withoutPlugins(configuration), scope.enterTransaction())),
                properties);
    }

    /**
     * The extension registered under {@code key}, built for {@code target}.
     *
     * @throws PluginConfigurationException if no registered plugin offers it
     */
    public <T, X> X extension(Extension.Key<T, X> key, T target) {
        return findExtension(key, target).orElseThrow(() -> new PluginConfigurationException(PluginConfigurationException.NOT_FOUND,
                "No registered plugin offers the extension '" + key.name() + "'", List.of()));
    }

    /** The extension registered under {@code key}, built for {@code target}, if a plugin offers it. */
    @SuppressWarnings("unchecked")
    public <T, X> Optional<X> findExtension(Extension.Key<T, X> key, T target) {
        for (Plugin plugin : lifecycle.plugins) {
            for (Extension<?, ?> extension : plugin.extensions()) {
                if (extension.key() == key) {
                    return Optional.of(((Extension<T, X>) extension).factory().apply(target));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs every plugin's {@link Plugin#onDestroy()} in reverse order, once, even if some fail.
     *
     * @throws PluginLifecycleException with the first failure as cause and the others suppressed
     */
    @Override
    public void close() {
        lifecycle.destroy();
    }

    private void requirePlugin(String name) {
        if (lifecycle.plugins.stream().noneMatch(p -> p.name().equals(name))) {
            throw new PluginConfigurationException(PluginConfigurationException.NOT_FOUND,
                    "No plugin named '" + name + "' is registered", List.of(name));
        }
    }

    @Override
    public String toString() {
        return "Executor[plugins=" + scope.active().stream().map(Plugin::name).toList()
                + (scope.inTransaction() ? ", in transaction" : "") + "]";
    }

    /** The registered plugins and their init/destroy, shared by an executor and all derived ones. */
    private static final class Lifecycle {
        private final List<Plugin> plugins;
        private final boolean translateErrors;
        private final AtomicBoolean destroyed = new AtomicBoolean();

        private Lifecycle(List<Plugin> plugins, boolean translateErrors) {
            this.plugins = plugins;
            this.translateErrors = translateErrors;
        }

        void init(DSLContext raw) {
            for (int i = 0; i < plugins.size(); i++) {
                Plugin plugin = plugins.get(i);
                try {
                    plugin.onInit(raw);
                } catch (RuntimeException e) {
                    PluginLifecycleException failure = new PluginLifecycleException(PluginLifecycleException.INIT_FAILED,
                            "Plugin '" + plugin.name() + "' failed to initialize: " + e.getMessage(), e);
                    destroyInReverse(plugins.subList(0, i)).ifPresent(failure::addSuppressed);
                    destroyed.set(true);
                    throw failure;
                }
            }
        }

        void destroy() {
            if (destroyed.compareAndSet(false, true)) {
                destroyInReverse(plugins).ifPresent(failure -> {
                    throw failure;
                });
            }
        }

        private static Optional<PluginLifecycleException> destroyInReverse(List<Plugin> initialized) {
            PluginLifecycleException failure = null;
            List<Plugin> reversed = new ArrayList<>(initialized).reversed();
            for (Plugin plugin : reversed) {
                try {
                    plugin.onDestroy();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = new PluginLifecycleException(PluginLifecycleException.DESTROY_FAILED,
                                "Plugin '" + plugin.name() + "' failed to shut down: " + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            return Optional.ofNullable(failure);
        }
    }

    /** Builds an {@link Executor}. Not thread-safe; the executor it builds is. */
    public static final class Builder {
        private Configuration configuration;
        private final List<Plugin> plugins = new ArrayList<>();
        private boolean translateErrors = true;

        private Builder() {
        }

        /** Runs statements through this jOOQ context's configuration. */
        public Builder dsl(DSLContext dsl) {
            return configuration(dsl.configuration());
        }

        /** Runs statements through this jOOQ configuration (its listeners, settings and connections kept). */
        public Builder configuration(Configuration configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /** Runs statements on connections from {@code dataSource}, rendered for {@code dialect}. */
        public Builder dataSource(DataSource dataSource, SQLDialect dialect) {
            return dsl(DSL.using(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(dialect, "dialect")));
        }

        public Builder plugin(Plugin plugin) {
            plugins.add(Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        public Builder plugins(List<? extends Plugin> plugins) {
            plugins.forEach(this::plugin);
            return this;
        }

        /**
         * Whether database errors become Kysera's typed exceptions (default) or stay jOOQ's
         * {@code DataAccessException}s.
         */
        public Builder translateErrors(boolean translate) {
            this.translateErrors = translate;
            return this;
        }

        /**
         * Validates and orders the plugins, runs their {@link Plugin#onInit}, and builds the executor.
         *
         * @throws PluginConfigurationException if the plugin list is inconsistent
         * @throws PluginLifecycleException if a plugin fails to initialize (those already initialized are destroyed)
         * @throws IllegalStateException if no jOOQ configuration, context or data source was given
         */
        public Executor build() {
            if (configuration == null) {
                throw new IllegalStateException("Executor needs a DSLContext, Configuration or DataSource");
            }
            if (configuration.dialect() == SQLDialect.DEFAULT) {
                throw new IllegalStateException("Executor needs a configuration with an explicit SQL dialect, not DEFAULT");
            }
            Configuration source = ExecutorConfigurations.withoutPlugins(configuration);
            Lifecycle lifecycle = new Lifecycle(PluginOrder.resolve(plugins), translateErrors);
            lifecycle.init(DSL.using(source));
            return new Executor(lifecycle, source, new Scope(lifecycle.plugins, Map.of(), false));
        }
    }
}
