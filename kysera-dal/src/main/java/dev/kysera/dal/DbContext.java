package dev.kysera.dal;

import dev.kysera.dal.internal.SchemaMapping;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What a {@link DbQuery} runs against, passed explicitly: an {@link Executor} (its plugins, its
 * request attributes such as the current user or tenant, its connection or open transaction) and,
 * optionally, a schema that unqualified tables are rendered into.
 *
 * <p>Immutable and thread-safe: every {@code with…} method returns a new context and leaves this
 * one unchanged. Attributes live on the executor ({@link Executor#with(ContextKey, Object)}), so
 * plugins read them when a statement renders, never when a query was built.
 *
 * <pre>{@code
 * DbContext ctx = DbContext.of(executor).with(TENANT, 42);
 * List<UsersRecord> users = ctx.dsl().selectFrom(USERS).fetch();   // filtered by the tenant plugin
 * }</pre>
 */
public final class DbContext {

    private final Executor executor;
    private final String schema;
    /** The executor with the schema mapping applied: what statements and repositories run on. */
    private final Executor scoped;

    private DbContext(Executor executor, String schema) {
        this.executor = executor;
        this.schema = schema;
        this.scoped = schema == null ? executor : executor.withSettings(settings -> SchemaMapping.apply(settings, schema));
    }

    /**
     * A context over {@code executor}; in a transaction exactly when the executor is.
     *
     * @param executor the executor statements run on, not null
     * @return the context, without schema mapping
     * @throws NullPointerException if {@code executor} is null
     */
    public static DbContext of(Executor executor) {
        return new DbContext(Objects.requireNonNull(executor, "executor"), null);
    }

    /**
     * The jOOQ context to build and run statements with: the executor's plugin-aware context,
     * bound to the transaction if one is open, with the schema mapping if this context has one.
     * Everything run through it (DSL queries, records attached to it, DAOs over its configuration)
     * goes through the active plugins.
     *
     * @return the plugin-aware jOOQ context
     */
    public DSLContext dsl() {
        return scoped.dsl();
    }

    /**
     * The executor this context runs on, schema mapping included, e.g. to bind a repository to it:
     * {@code users.with(ctx.executor())}.
     *
     * @return the executor
     */
    public Executor executor() {
        return scoped;
    }

    /**
     * Whether statements run inside a transaction begun through the executor (or {@link Dal}).
     *
     * @return true inside such a transaction; false for transactions managed outside Kysera
     */
    public boolean inTransaction() {
        return executor.inTransaction();
    }

    /**
     * The schema unqualified tables render into, if this context is schema-scoped.
     *
     * @return the schema, or empty
     */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * The request attribute's value, if set.
     *
     * @param key the attribute's key, not null
     * @param <T> the attribute's type
     * @return the value, or empty if it is not set
     */
    public <T> Optional<T> get(ContextKey<T> key) {
        return executor.get(key);
    }

    /**
     * A context whose statements see {@code key = value} (e.g. the current tenant); a {@code null}
     * value removes it. Everything else (plugins, schema, transaction) is kept.
     *
     * @param key the attribute's key, not null
     * @param value the value, or null to remove the attribute
     * @param <T> the attribute's type
     * @return the new context; this one is unchanged
     * @throws NullPointerException if {@code key} is null
     */
    public <T> DbContext with(ContextKey<T> key, T value) {
        return new DbContext(executor.with(key, value), schema);
    }

    /**
     * A context with all these attributes set; everything else is kept.
     *
     * @param attributes the attributes to set, key to value, not null
     * @return the new context; this one is unchanged
     */
    public DbContext with(Map<ContextKey<?>, ?> attributes) {
        return new DbContext(executor.with(attributes), schema);
    }

    /**
     * A context whose unqualified tables (those of jOOQ's default schema, e.g. generated without a
     * schema or made with {@code DSL.table(name("users"))}) render as {@code schema.table}, through
     * jOOQ's render mapping. Plugins, attributes, transaction state and nesting are kept. Tables
     * already qualified with a schema, and the text of plain-SQL strings, are not rewritten.
     *
     * @param schema the schema to render unqualified tables into, not null
     * @return the new context; this one is unchanged
     * @throws NullPointerException if {@code schema} is null
     * @throws IllegalArgumentException if {@code schema} is blank
     */
    public DbContext withSchema(String schema) {
        if (Objects.requireNonNull(schema, "schema").isBlank()) {
            throw new IllegalArgumentException("schema must not be blank");
        }
        return new DbContext(executor, schema);
    }

    /**
     * A context without schema mapping; everything else is kept.
     *
     * @return the new context; this one is unchanged
     */
    public DbContext withoutSchema() {
        return new DbContext(executor, null);
    }

    /**
     * A context on which the named plugin does not apply, also inside transactions begun from it.
     *
     * @param name the plugin's name, not null
     * @return the new context; this one is unchanged
     * @throws dev.kysera.executor.PluginConfigurationException if no plugin of that name is registered
     */
    public DbContext withoutPlugin(String name) {
        return new DbContext(executor.withoutPlugin(name), schema);
    }

    /**
     * A context on which no plugin applies, also inside transactions begun from it.
     *
     * @return the new context; this one is unchanged
     */
    public DbContext withoutPlugins() {
        return new DbContext(executor.withoutPlugins(), schema);
    }

    /** The same context on another executor (e.g. the one a transaction hands out); schema kept. */
    DbContext onExecutor(Executor other) {
        return new DbContext(other, schema);
    }

    @Override
    public String toString() {
        return "DbContext[" + executor + (schema == null ? "" : ", schema=" + schema) + "]";
    }
}
