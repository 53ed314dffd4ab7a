package dev.kysera.timestamps;

import dev.kysera.core.temporal.TimestampStorage;
import dev.kysera.executor.Assignment;
import dev.kysera.executor.Extension;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginConfigurationException;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.repository.Repository;
import dev.kysera.timestamps.internal.DefaultRepositoryTimestamps;
import dev.kysera.core.temporal.TemporalValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * Sets {@code created_at} and {@code updated_at} on every INSERT, and {@code updated_at} on every
 * UPDATE, that runs through an {@link dev.kysera.executor.Executor}: repositories, DAL functions,
 * hand-written DSL, bulk UPDATEs, {@code UpdatableRecord.store()}, INSERT … SELECT and the update
 * part of upserts. The time comes from the options' {@link java.time.Clock}, in UTC, as the Java
 * type each column takes ({@link TimestampStorage}). A value the statement sets itself wins unless
 * {@link TimestampsOptions#overwriteExplicit()}.
 *
 * <pre>{@code
 * TimestampsPlugin timestamps = TimestampsPlugin.create();
 * Executor executor = Executor.builder().dsl(dsl).plugin(timestamps).build();
 * executor.dsl().insertInto(USERS).set(USERS.EMAIL, "a@example.com").set(USERS.NAME, "A").execute();
 * // … created_at and updated_at are now set
 * RepositoryTimestamps<User, Long, NewUser, Values> stamps = users.extension(timestamps.repositoryKey());
 * stamps.touch(42L);
 * }</pre>
 *
 * Thread-safe and immutable.
 */
public final class TimestampsPlugin implements Plugin {

    private final TimestampsOptions options;
    private final Extension.Key<Repository<?, ?, ?, ?>, RepositoryTimestamps<?, ?, ?, ?>> repositoryKey;

    private TimestampsPlugin(TimestampsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.repositoryKey = Extension.Key.of(options.name() + ".repository");
    }

    /**
     * A plugin with {@link TimestampsOptions#defaults()}.
     *
     * @return a new plugin, to pass to {@code Executor.of}
     */
    public static TimestampsPlugin create() {
        return new TimestampsPlugin(TimestampsOptions.defaults());
    }

    /**
     * A plugin with these options.
     *
     * @param options the plugin's options
     * @return a new plugin, to pass to {@code Executor.of}
     * @throws NullPointerException if {@code options} is null
     */
    public static TimestampsPlugin of(TimestampsOptions options) {
        return new TimestampsPlugin(options);
    }

    /**
     * The options this plugin was created with.
     *
     * @return the immutable options
     */
    public TimestampsOptions options() {
        return options;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public int priority() {
        return options.priority();
    }

    /** Tables selected by the options that have at least one of the enabled columns (or lack metadata but are listed). */
    @Override
    public boolean appliesTo(TableReference table) {
        if (!options.tables().selects(table)) {
            return false;
        }
        if (!table.hasMetadata()) {
            return true;
        }
        return options.createdColumn().map(table::hasColumn).orElse(false)
                || options.updatedColumn().map(table::hasColumn).orElse(false);
    }

    @Override
    public void register(PluginRoles roles) {
        roles.writeValues(this::values);
    }

    private List<Assignment> values(TableReference table, Operation operation, PluginContext context) {
        if (operation != Operation.INSERT && operation != Operation.UPDATE) {
            return List.of();
        }
        Instant now = options.clock().instant();
        List<Assignment> result = new ArrayList<>(2);
        if (operation == Operation.INSERT) {
            options.createdColumn().ifPresent(column -> add(result, table.table(), table.hasMetadata(), column, now, context.dialect()));
        }
        if (operation == Operation.UPDATE || options.updatedOnInsert()) {
            options.updatedColumn().ifPresent(column -> add(result, table.table(), table.hasMetadata(), column, now, context.dialect()));
        }
        return result;
    }

    private void add(List<Assignment> result, Table<?> table, boolean metadata, String column, Instant now, SQLDialect dialect) {
        Field<?> field = metadata ? TemporalValues.column(table, column) : null;
        if (metadata && field == null) {
            return;
        }
        result.add(new Assignment(column, TemporalValues.bind(field, column, options.storage(), now, dialect),
                options.overwriteExplicit()));
    }

    /**
     * The key of the repository extension this plugin offers ({@code repository.extension(key)}),
     * typed for the repository it is used with. Each plugin instance has its own key, so two
     * timestamps plugins (for different tables) each serve their own repositories. Asking a
     * repository whose table this plugin does not stamp for the extension fails with a
     * {@link dev.kysera.executor.PluginConfigurationException} naming the table.
     *
     * @param <T>  the repository's row type
     * @param <ID> the repository's id type
     * @param <C>  the repository's create input type
     * @param <U>  the repository's update input type
     * @return the key; the same key object on every call, only its type arguments differ
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T, ID, C, U> Extension.Key<Repository<T, ID, C, U>, RepositoryTimestamps<T, ID, C, U>> repositoryKey() {
        return (Extension.Key) repositoryKey;
    }

    @Override
    public List<Extension<?, ?>> extensions() {
        return List.of(new Extension<>(repositoryKey, this::forRepository));
    }

    private RepositoryTimestamps<?, ?, ?, ?> forRepository(Repository<?, ?, ?, ?> repository) {
        Table<?> table = repository.table();
        TableReference reference = new TableReference(
                table.getSchema() == null ? null : table.getSchema().getName().toLowerCase(Locale.ROOT),
                table.getName().toLowerCase(Locale.ROOT), table.getQualifiedName(), table);
        if (!appliesTo(reference)) {
            throw new PluginConfigurationException(PluginConfigurationException.NOT_FOUND, "Plugin '" + name()
                    + "' does not stamp table " + table.getName() + " (excluded, not listed, or without "
                    + options.createdColumn().orElse("-") + "/" + options.updatedColumn().orElse("-") + ")", List.of(name()));
        }
        return new DefaultRepositoryTimestamps<>(repository, this);
    }

    @Override
    public String toString() {
        return "TimestampsPlugin[" + options + "]";
    }
}
