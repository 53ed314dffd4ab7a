package dev.kysera.executor.internal;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Configuration;
import org.jooq.SQLDialect;

/**
 * What one executor (or one derived executor) hands to the statements it runs: the active plugins
 * in order, the context attributes and whether a transaction is open. Immutable; stored in the
 * jOOQ {@link Configuration#data()} of the executor's configuration, so it travels into derived
 * and transactional configurations and is read when a statement renders.
 */
public record Scope(List<Plugin> active, Map<ContextKey<?>, Object> attributes, boolean inTransaction) {

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

    public static Scope of(Configuration configuration) {
        return configuration.data(DATA_KEY) instanceof Scope scope ? scope : null;
    }

    public Scope withActive(List<Plugin> plugins) {
        return new Scope(plugins, attributes, inTransaction);
    }

    public <T> Scope withAttribute(ContextKey<T> key, T value) {
        Map<ContextKey<?>, Object> copy = new HashMap<>(attributes);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, key.cast(value));
        }
        return new Scope(active, copy, inTransaction);
    }

    public Scope enterTransaction() {
        return inTransaction ? this : new Scope(active, attributes, true);
    }

    public boolean anyFailClosed() {
        return active.stream().anyMatch(Plugin::failClosed);
    }

    public boolean anyReadsContext() {
        return active.stream().anyMatch(Plugin::readsContext);
    }

    /** The plugin-facing view of this scope for one render in a dialect. */
    public PluginContext context(SQLDialect dialect) {
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
                return inTransaction;
            }
        };
    }
}
