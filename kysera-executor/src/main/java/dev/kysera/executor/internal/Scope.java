package dev.kysera.executor.internal;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TransactionHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Configuration;
import org.jooq.SQLDialect;

/**
 * What one executor (or one derived executor) hands to the statements it runs: the active plugins
 * and their roles, the context attributes and the transaction it is bound to. Immutable; stored in
 * the jOOQ {@link Configuration#data()} of the executor's configuration and read when a statement
 * is planned or executed.
 *
 * @param transaction the transaction this executor is bound to, or {@code null}
 */
public record Scope(ExecutorLifecycle lifecycle, List<Plugin> active, ActiveRoles roles, Map<ContextKey<?>, Object> attributes,
                    TransactionState transaction) {

    /** The key under which the scope is stored in {@link Configuration#data()}. */
    public static final Object DATA_KEY = new Object() {
        @Override
        public String toString() {
            return "dev.kysera.executor.Scope";
        }
    };

    public Scope {
        active = List.copyOf(active);
        attributes = Map.copyOf(attributes);
    }

    /** The root scope of an executor: every plugin active, no attributes, no transaction. */
    public static Scope root(ExecutorLifecycle lifecycle) {
        return new Scope(lifecycle, lifecycle.plugins(), lifecycle.roles(), Map.of(), null);
    }

    public static Scope of(Configuration configuration) {
        return configuration.data(DATA_KEY) instanceof Scope scope ? scope : null;
    }

    public Scope withActive(List<Plugin> plugins) {
        return new Scope(lifecycle, plugins, lifecycle.roles().retain(plugins::contains), attributes, transaction);
    }

    public <T> Scope withAttribute(ContextKey<T> key, T value) {
        Map<ContextKey<?>, Object> copy = new HashMap<>(attributes);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, key.cast(value));
        }
        return new Scope(lifecycle, active, roles, copy, transaction);
    }

    Scope inTransaction(TransactionState state) {
        return new Scope(lifecycle, active, roles, attributes, state);
    }

    /** The transaction statements of this scope run in: its own, else the one open on this thread. */
    public TransactionState effectiveTransaction() {
        return transaction != null ? transaction : lifecycle.threadTransaction();
    }

    /**
     * @throws dev.kysera.executor.ExecutorClosedException if the executor was closed
     * @throws dev.kysera.executor.TransactionEndedException if this scope's transaction has ended
     */
    void requireUsable() {
        lifecycle.requireOpen();
        if (transaction != null) {
            transaction.requireOpen();
        }
    }

    public boolean anyReadsContext() {
        return active.stream().anyMatch(Plugin::readsContext);
    }

    /** The plugin-facing view of this scope in a dialect. */
    public PluginContext context(SQLDialect dialect) {
        TransactionState open = effectiveTransaction();
        return new PluginContext() {
            @Override
            public <T> Optional<T> get(ContextKey<T> key) {
                return Optional.ofNullable(attributes.get(key)).map(key::cast);
            }

            @Override
            public SQLDialect dialect() {
                return dialect;
            }

            @Override
            public boolean inTransaction() {
                return open != null;
            }

            @Override
            public Optional<TransactionHandle> transaction() {
                return Optional.ofNullable(open);
            }
        };
    }
}
