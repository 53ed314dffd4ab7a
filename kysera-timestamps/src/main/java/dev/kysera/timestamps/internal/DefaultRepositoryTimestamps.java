package dev.kysera.timestamps.internal;

import dev.kysera.core.temporal.TemporalValues;
import dev.kysera.repository.Repository;
import dev.kysera.timestamps.RepositoryTimestamps;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** {@link RepositoryTimestamps} bound to one repository. Not API. */
public final class DefaultRepositoryTimestamps<T, ID, C, U> implements RepositoryTimestamps<T, ID, C, U> {

    private final Repository<T, ID, C, U> repository;
    private final TimestampsPlugin plugin;
    private final TimestampsOptions options;

    public DefaultRepositoryTimestamps(Repository<T, ID, C, U> repository, TimestampsPlugin plugin) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.options = plugin.options();
    }

    @Override
    public boolean touch(ID id) {
        return touch(repository.key().matches(id)) > 0;
    }

    @Override
    public int touchAll(Collection<? extends ID> ids) {
        return ids.isEmpty() ? 0 : touch(repository.key().matchesAny(ids));
    }

    private int touch(Condition condition) {
        String column = options.updatedColumn().orElseThrow(() ->
                new IllegalStateException("Plugin '" + plugin.name() + "' has no updated column to touch"));
        Field<Object> value = bound(column, options.clock().instant());
        return repository.executor().dsl()
                .update(repository.table())
                .set(Map.of(column(column), value))
                .where(condition)
                .execute();
    }

    @Override
    public List<T> findCreatedAfter(Instant instant) {
        return after(createdColumn(), instant);
    }

    @Override
    public List<T> findCreatedBefore(Instant instant) {
        return before(createdColumn(), instant);
    }

    @Override
    public List<T> findCreatedBetween(Instant from, Instant to) {
        return between(createdColumn(), from, to);
    }

    @Override
    public List<T> findUpdatedAfter(Instant instant) {
        return after(updatedColumn(), instant);
    }

    @Override
    public List<T> findUpdatedBefore(Instant instant) {
        return before(updatedColumn(), instant);
    }

    @Override
    public List<T> findUpdatedBetween(Instant from, Instant to) {
        return between(updatedColumn(), from, to);
    }

    @Override
    public List<T> findRecentlyCreated(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        String name = createdColumn();
        Field<Object> column = column(name);
        List<OrderField<?>> order = new ArrayList<>();
        order.add(column.desc());
        repository.key().fields().forEach(key -> order.add(key.desc()));
        return repository.findMany(column.isNotNull(), limit, order.toArray(OrderField<?>[]::new));
    }

    @Override
    public T createWithoutTimestamps(C input) {
        return repository.with(repository.executor().withoutPlugin(plugin.name())).create(input);
    }

    @Override
    public T updateWithoutTimestamps(ID id, U changes) {
        return repository.with(repository.executor().withoutPlugin(plugin.name())).update(id, changes);
    }

    // ---------------------------------------------------------------- helpers

    private List<T> after(String name, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Field<Object> column = column(name);
        return repository.findMany(column.gt(bound(name, instant)), order(column));
    }

    private List<T> before(String name, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Field<Object> column = column(name);
        return repository.findMany(column.lt(bound(name, instant)), order(column));
    }

    private List<T> between(String name, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            return List.of();
        }
        Field<Object> column = column(name);
        return repository.findMany(column.ge(bound(name, from)).and(column.le(bound(name, to))), order(column));
    }

    private OrderField<?>[] order(Field<Object> column) {
        List<OrderField<?>> order = new ArrayList<>();
        order.add(column.asc());
        repository.key().fields().forEach(key -> order.add(key.asc()));
        return order.toArray(OrderField<?>[]::new);
    }

    private String createdColumn() {
        return options.createdColumn().orElseThrow(() ->
                new IllegalStateException("Plugin '" + plugin.name() + "' has no created column"));
    }

    private String updatedColumn() {
        return options.updatedColumn().orElseThrow(() ->
                new IllegalStateException("Plugin '" + plugin.name() + "' has no updated column"));
    }

    /** The repository table's column, typed as jOOQ knows it, or an untyped qualified field. */
    @SuppressWarnings("unchecked")
    private Field<Object> column(String name) {
        Table<?> table = repository.table();
        Field<?> field = TemporalValues.column(table, name);
        return field != null ? (Field<Object>) table.field(field) : DSL.field(table.getQualifiedName().append(name));
    }

    /** {@code instant} as the column stores it (same type and precision as the values the plugin writes). */
    @SuppressWarnings("unchecked")
    private Field<Object> bound(String name, Instant instant) {
        SQLDialect dialect = repository.executor().dsl().dialect();
        return (Field<Object>) TemporalValues.bind(TemporalValues.column(repository.table(), name), name, options.storage(), instant, dialect);
    }
}
