package dev.kysera.repository.internal;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Page;
import dev.kysera.core.page.PageRequest;
import dev.kysera.core.page.Paginator;
import dev.kysera.core.page.Sort;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.repository.Key;
import dev.kysera.repository.OptimisticLockException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.RepositoryBuilder;
import dev.kysera.repository.Values;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@link Repository} implementation: one instance per executor it is bound to. */
public final class DefaultRepository<T, ID, C, U> implements Repository<T, ID, C, U> {

    private final Definition<T, ID, C, U> definition;
    private final Executor executor;

    DefaultRepository(Definition<T, ID, C, U> definition, Executor executor) {
        this.definition = definition;
        this.executor = executor;
    }

    /** The entry point behind {@link Repository#builder(Table, Key)}. */
    public static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, Key<ID> key) {
        Definition.Input<Values> values = new Definition.Input<>(Function.identity(), ValidationSchema.none());
        return new Builder<>(new Definition<>(table, key, List.of(table.fields()), recordsOf(table), values, values, null,
                Paginator.defaults()));
    }

    /**
     * Generated tables map rows to their record type; tables without column metadata
     * ({@code DSL.table(name)}, whose record type is plain {@code Record}) keep rows as fetched.
     */
    @SuppressWarnings("unchecked")
    private static <R extends Record> RecordMapper<Record, R> recordsOf(Table<R> table) {
        return table.fields().length > 0 ? record -> record.into(table) : record -> (R) record;
    }

    @Override
    public Table<?> table() {
        return definition.table();
    }

    @Override
    public Key<ID> key() {
        return definition.key();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public Repository<T, ID, C, U> with(Executor other) {
        return other == executor ? this : new DefaultRepository<>(definition, other);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<T> findById(ID id) {
        return findOne(definition.key().matches(id));
    }

    @Override
    public List<T> findByIds(Collection<? extends ID> ids) {
        return ids.isEmpty() ? List.of() : findMany(definition.key().matchesAny(ids));
    }

    @Override
    public Optional<T> findOne(Condition condition, OrderField<?>... orderBy) {
        return dsl().select(definition.columns()).from(table()).where(condition).orderBy(orderBy).limit(1)
                .fetchOptional(definition.mapper());
    }

    @Override
    public List<T> findMany(Condition condition, int limit, OrderField<?>... orderBy) {
        var query = dsl().select(definition.columns()).from(table()).where(condition).orderBy(orderBy);
        return limit > 0 ? query.limit(limit).fetch(definition.mapper()) : query.fetch(definition.mapper());
    }

    @Override
    public List<T> findAll(OrderField<?>... orderBy) {
        return findMany(DSL.noCondition(), orderBy);
    }

    @Override
    public long count(Condition condition) {
        return dsl().selectCount().from(table()).where(condition).fetchOne(0, Long.class);
    }

    @Override
    public boolean exists(Condition condition) {
        return dsl().fetchExists(DSL.selectOne().from(table()).where(condition));
    }

    @Override
    public boolean existsById(ID id) {
        return exists(definition.key().matches(id));
    }

    @Override
    public Page<T> findPage(Condition condition, PageRequest request, OrderField<?>... orderBy) {
        return definition.paginator().page(dsl(),
                dsl().select(definition.columns()).from(table()).where(condition).orderBy(orderBy), request, definition.mapper());
    }

    @Override
    public CursorPage<T> findKeyset(Condition condition, Sort sort, KeysetRequest request) {
        return definition.paginator().keyset(dsl(),
                dsl().select(definition.columns()).from(table()).where(condition), sort, request, definition.mapper());
    }

    // ------------------------------------------------------------------ writes

    @Override
    public T create(C input) {
        Values values = definition.create().validatedValues(input);
        return Inserts.insertReturning(dsl(), table(), List.of(values), definition.columns()).getFirst()
                .map(definition.mapper());
    }

    @Override
    public List<T> createMany(List<? extends C> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Values> rows = new ArrayList<>(inputs.size());
        for (C input : inputs) {
            rows.add(definition.create().validatedValues(input));
        }
        return Inserts.insertAllOrNothing(executor, table(), rows, definition.columns()).stream()
                .map(record -> record.map(definition.mapper())).toList();
    }

    @Override
    public T update(ID id, U changes) {
        Values values = definition.update().validatedValues(changes);
        return updateOne(id, definition.key().matches(id), values.asMap()).orElseThrow(() -> notFound(id));
    }

    @Override
    public T update(ID id, long expectedVersion, U changes) {
        Field<? extends Number> version = definition.version();
        if (version == null) {
            throw new IllegalStateException("Repository of " + table().getName() + " has no version column; configure version(…)");
        }
        Values values = definition.update().validatedValues(changes);
        Map<Field<?>, Object> set = new LinkedHashMap<>(values.asMap());
        set.put(version, DSL.field("{0} + 1", version.getDataType(), version));
        Condition atVersion = definition.key().matches(id).and(DSL.field(version.getQualifiedName(), Long.class).eq(expectedVersion));
        return updateOne(id, atVersion, set).orElseThrow(() -> existsById(id)
                ? new OptimisticLockException(table().getName(), id, expectedVersion)
                : notFound(id));
    }

    @Override
    public int updateMany(Condition condition, U changes) {
        Values values = definition.update().validatedValues(changes);
        if (values.isEmpty()) {
            return 0;
        }
        return dsl().update(table()).set(values.asMap()).where(condition).execute();
    }

    @Override
    public boolean delete(ID id) {
        return deleteMany(definition.key().matches(id)) > 0;
    }

    @Override
    public int deleteByIds(Collection<? extends ID> ids) {
        return ids.isEmpty() ? 0 : deleteMany(definition.key().matchesAny(ids));
    }

    @Override
    public int deleteMany(Condition condition) {
        return dsl().deleteFrom(table()).where(condition).execute();
    }

    @Override
    public T upsert(C input, Field<?>... conflictColumns) {
        if (conflictColumns.length == 0) {
            throw new IllegalArgumentException("upsert needs the columns of a unique key to detect the conflict");
        }
        Values values = definition.create().validatedValues(input);
        List<Condition> sameKey = new ArrayList<>(conflictColumns.length);
        Values changes = values;
        for (Field<?> column : conflictColumns) {
            if (!values.has(column)) {
                throw new IllegalArgumentException("upsert input must set the conflict column " + column.getName());
            }
            sameKey.add(sameValue(column, values));
            changes = changes.without(column);
        }
        Values updates = changes;
        return executor.transactionResult(tx -> {
            var insert = tx.dsl().insertInto(table()).set(values.asMap()).onConflict(conflictColumns);
            if (updates.isEmpty()) {
                insert.doNothing().execute();
            } else {
                insert.doUpdate().set(updates.asMap()).execute();
            }
            return with(tx).findOne(DSL.and(sameKey)).orElseThrow(() -> new NotFoundException(table().getName(), values));
        });
    }

    @Override
    public <S> Optional<T> transition(ID id, Field<S> column, S from, S to, Values alsoSet) {
        Map<Field<?>, Object> set = new LinkedHashMap<>(alsoSet.asMap());
        set.put(column, to);
        Condition atFrom = definition.key().matches(id).and(from == null ? column.isNull() : column.eq(from));
        return updateOne(id, atFrom, set);
    }

    // ------------------------------------------------------------------ extensions

    @Override
    public <X> X extension(Extension.Key<? super Repository<T, ID, C, U>, X> key) {
        return executor.extension(key, this);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Updates the row matching {@code condition} and reads it back. Where UPDATE … RETURNING exists
     * that is one statement; elsewhere (MariaDB/MySQL) the update and the read share a transaction so
     * the row read is the row written.
     */
    private Optional<T> updateOne(ID id, Condition condition, Map<Field<?>, Object> set) {
        if (set.isEmpty()) {
            return findOne(condition);
        }
        if (supportsUpdateReturning(executor.dsl().dialect())) {
            return dsl().update(table()).set(set).where(condition).returningResult(definition.columns())
                    .fetchOptional().map(record -> record.map(definition.mapper()));
        }
        return executor.transactionResult(tx -> tx.dsl().update(table()).set(set).where(condition).execute() == 0
                ? Optional.<T>empty()
                : with(tx).findById(id));
    }

    private static boolean supportsUpdateReturning(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES, SQLITE, H2 -> true;
            default -> false;
        };
    }

    private static <X> Condition sameValue(Field<X> column, Values values) {
        return values.get(column).map(column::eq).orElseGet(column::isNull);
    }

    private NotFoundException notFound(ID id) {
        return new NotFoundException(table().getName(), id);
    }

    private DSLContext dsl() {
        return executor.dsl();
    }

    @Override
    public String toString() {
        return "Repository[" + table().getName() + ", " + executor + "]";
    }
}
