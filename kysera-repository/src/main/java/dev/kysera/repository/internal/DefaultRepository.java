package dev.kysera.repository.internal;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Page;
import dev.kysera.core.page.PageRequest;
import dev.kysera.core.page.Paginator;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.executor.StatementShape;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.repository.ConflictTarget;
import dev.kysera.repository.PrimaryKey;
import dev.kysera.repository.OptimisticLockException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.RepositoryBuilder;
import dev.kysera.repository.TransitionResult;
import dev.kysera.repository.Values;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@link Repository} implementation: one instance per executor it is bound to. */
public final class DefaultRepository<T, ID, C, U> implements Repository<T, ID, C, U> {

    private final Definition<T, ID, C, U> definition;
    private final Executor executor;
    private final RepositoryShapes shapes;

    DefaultRepository(Definition<T, ID, C, U> definition, Executor executor) {
        this(definition, executor, new RepositoryShapes(definition));
    }

    private DefaultRepository(Definition<T, ID, C, U> definition, Executor executor, RepositoryShapes shapes) {
        this.definition = definition;
        this.executor = executor;
        this.shapes = shapes;
    }

    /** The entry point behind {@link Repository#builder(Table, PrimaryKey)}. */
    public static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, PrimaryKey<ID> key) {
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
    public PrimaryKey<ID> key() {
        return definition.key();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public Repository<T, ID, C, U> with(Executor other) {
        return other == executor ? this : new DefaultRepository<>(definition, other, shapes);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<T> findById(ID id) {
        if (shapes.findById == null || id == null) {
            return findOne(definition.key().matches(id));
        }
        Result<Record> rows = executor.fetch(shapes.findById, id);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(definition.mapper().map(rows.getFirst()));
    }

    @Override
    public List<T> findByIds(Collection<? extends ID> ids) {
        return ids.isEmpty() ? List.of() : findMany(definition.key().matchesAny(ids));
    }

    @Override
    public Optional<T> findOne(Condition condition, OrderField<?>... orderBy) {
        var query = dsl().select(definition.columns()).from(table()).where(condition).orderBy(orderBy);
        // sqlite-jdbc prepares a statement whose LIMIT is a bind parameter afresh on every execution
        // (measured: 7.8 µs against 2.7 µs with a literal); elsewhere it stays the bind jOOQ renders
        return (onSqlite() ? query.limit(DSL.inline(1)) : query.limit(1)).fetchOptional(definition.mapper());
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
        List<Field<?>> columns = definition.columns();
        List<Field<?>> select = storedFormsOfSortKeys(columns, sort);
        // identity, not equals: jOOQ fields with the same name are equal whatever their type
        RecordMapper<Record, T> mapper = select == columns ? definition.mapper()
                : row -> definition.mapper().map(asSelected(row, columns));
        return definition.paginator().keyset(dsl(), dsl().select(select).from(table()).where(condition), sort, request, mapper);
    }

    /**
     * A sort key may be a converted column (a Java enum) read as its stored type, so a cursor can
     * carry its value (see {@code ListRequestParser}). Such a column is selected in that form, so the
     * paginator reads the stored value; {@link #asSelected} converts it back before mapping.
     */
    private static List<Field<?>> storedFormsOfSortKeys(List<Field<?>> columns, Sort sort) {
        List<Field<?>> select = columns;
        for (SortKey<?> key : sort.keys()) {
            for (int i = 0; i < columns.size(); i++) {
                Field<?> column = columns.get(i);
                if (column != key.field() && column.getType() != key.field().getType()
                        && column.getQualifiedName().equals(key.field().getQualifiedName())) {
                    select = select == columns ? new ArrayList<>(columns) : select;
                    select.set(i, key.field());
                }
            }
        }
        return select;
    }

    private Record asSelected(Record row, List<Field<?>> columns) {
        Record converted = dsl().newRecord(columns.toArray(Field<?>[]::new));
        for (int i = 0; i < columns.size(); i++) {
            setConverted(converted, columns.get(i), row.get(i));
        }
        converted.changed(false);
        return converted;
    }

    @SuppressWarnings("unchecked")
    private static <X> void setConverted(Record record, Field<X> column, Object value) {
        X typed = value == null || column.getType().isInstance(value) ? (X) value
                : ((org.jooq.Converter<Object, X>) column.getConverter()).from(value);
        record.set(column, typed);
    }

    private boolean onSqlite() {
        return executor.dsl().dialect().family() == SQLDialect.SQLITE;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public T create(C input) {
        Values values = initialVersion(definition.create().validatedValues(input));
        Map<Field<?>, Object> set = values.asMap();
        StatementShape shape = shapes.insert(List.copyOf(set.keySet()));
        Record stored = shape == null ? Inserts.insertReturning(dsl(), table(), List.of(values), definition.columns()).getFirst()
                : executor.fetch(shape, set.values().toArray()).getFirst();
        return stored.map(definition.mapper());
    }

    @Override
    public List<T> createMany(List<? extends C> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Values> rows = new ArrayList<>(inputs.size());
        for (C input : inputs) {
            rows.add(initialVersion(definition.create().validatedValues(input)));
        }
        return Inserts.insertAllOrNothing(executor, shapes, table(), rows, definition.columns()).stream()
                .map(record -> record.map(definition.mapper())).toList();
    }

    @Override
    public T update(ID id, U changes) {
        Map<Field<?>, Object> set = versioned(definition.update().validatedValues(changes));
        return updateOne(id, definition.key().matches(id), set).orElseThrow(() -> notFound(id));
    }

    @Override
    public T update(ID id, long expectedVersion, U changes) {
        Condition atVersion = definition.key().matches(id).and(atVersion(expectedVersion));
        Map<Field<?>, Object> set = versioned(definition.update().validatedValues(changes));
        return updateOne(id, atVersion, set).orElseThrow(() -> staleOrMissing(id, expectedVersion));
    }

    @Override
    public int updateMany(Condition condition, U changes) {
        Map<Field<?>, Object> set = versioned(definition.update().validatedValues(changes));
        return set.isEmpty() ? 0 : dsl().update(table()).set(set).where(condition).execute();
    }

    @Override
    public boolean delete(ID id) {
        return deleteMany(definition.key().matches(id)) > 0;
    }

    @Override
    public void delete(ID id, long expectedVersion) {
        if (deleteMany(definition.key().matches(id).and(atVersion(expectedVersion))) == 0) {
            throw staleOrMissing(id, expectedVersion);
        }
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
    public T upsert(C input, ConflictTarget target) {
        Objects.requireNonNull(target, "target");
        Values values = definition.create().validatedValues(input);
        List<Condition> sameKey = new ArrayList<>(target.columns().size() + 1);
        Values changes = values;
        for (Field<?> column : target.columns()) {
            if (!values.has(column)) {
                throw new IllegalArgumentException("upsert input must set the conflict column " + column.getName());
            }
            sameKey.add(sameValue(column, values));
            changes = changes.without(column);
        }
        Optional<Condition> predicate = target.indexPredicate();
        predicate.ifPresent(where -> {
            requireConflictWhere(target);
            // rows outside the partial index may share the key (e.g. soft-deleted ones): read back the live one
            sameKey.add(where);
        });
        // the version of a new row starts at 0; an existing row's is incremented, never taken from the input
        Map<Field<?>, Object> updates = versioned(definition.version() == null ? changes : changes.without(definition.version()));
        Values inserted = initialVersion(values);
        Field<?>[] conflictColumns = target.columns().toArray(Field<?>[]::new);
        return executor.transactionResult(tx -> {
            var conflict = tx.dsl().insertInto(table()).set(inserted.asMap()).onConflict(conflictColumns);
            var insert = predicate.isPresent() ? conflict.where(predicate.get()) : conflict;
            if (updates.isEmpty()) {
                insert.doNothing().execute();
            } else {
                insert.doUpdate().set(updates).execute();
            }
            return with(tx).findOne(DSL.and(sameKey)).orElseThrow(() -> new NotFoundException(table().getName(), values));
        });
    }

    @Override
    public <S> TransitionResult<T> transition(ID id, Field<S> column, S from, S to, Values alsoSet) {
        Map<Field<?>, Object> set = versioned(alsoSet.set(column, to));
        Condition atFrom = definition.key().matches(id).and(from == null ? column.isNull() : column.eq(from));
        Optional<T> updated = updateOne(id, atFrom, set);
        if (updated.isPresent()) {
            return new TransitionResult.Applied<>(updated.get());
        }
        Optional<Record> current = lockedById(id);
        if (current.isEmpty() || current.get().field(column) != null && Objects.equals(current.get().get(column), from)) {
            // the latest row still holds `from`: a plugin kept the UPDATE off it (the caller may read it, not change it)
            return new TransitionResult.NotFound<>();
        }
        return new TransitionResult.Rejected<>(definition.mapper().map(current.get()));
    }

    /**
     * The row as it is now, locked until the transaction ends. A plain read would report the
     * transaction's snapshot — on MariaDB/MySQL (REPEATABLE READ) one pinned by an earlier read,
     * older than the row the refused UPDATE saw — whereas a locking read reads the latest committed
     * version. SQLite has no FOR UPDATE and needs none: the refused UPDATE took the database's write
     * lock, and a stale snapshot fails it with a transient error.
     */
    private Optional<Record> lockedById(ID id) {
        var select = dsl().select(definition.columns()).from(table()).where(definition.key().matches(id));
        Select<Record> read = onSqlite() ? select : select.forUpdate();
        return read.fetchOptional();
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

    /**
     * The values to SET: the caller's, plus {@code version = version + 1} when the repository is
     * versioned and something is written. The increment is SQL, so concurrent writers never lose one.
     */
    private Map<Field<?>, Object> versioned(Values values) {
        Field<? extends Number> version = definition.version();
        if (version == null || values.isEmpty()) {
            return values.asMap();
        }
        if (values.has(version)) {
            throw new IllegalArgumentException("The version column " + version.getName() + " of " + table().getName()
                    + " is incremented by the repository; pass the expected version to update(id, expectedVersion, changes) instead of setting it");
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>(values.asMap());
        set.put(version, incremented(version));
        return set;
    }

    private static <N extends Number> Field<N> incremented(Field<N> version) {
        return version.plus(1);
    }

    /** New rows of a versioned repository start at version 0 unless the input says otherwise. */
    private Values initialVersion(Values values) {
        Field<? extends Number> version = definition.version();
        return version == null || values.has(version) ? values : withZero(values, version);
    }

    private static <N extends Number> Values withZero(Values values, Field<N> version) {
        return values.set(version, Numbers.zero(version.getType()));
    }

    private Condition atVersion(long expectedVersion) {
        Field<? extends Number> version = definition.version();
        if (version == null) {
            throw new IllegalStateException("Repository of " + table().getName() + " has no version column; configure version(…)");
        }
        return DSL.field(version.getQualifiedName(), Long.class).eq(expectedVersion);
    }

    /** Why a write at an expected version touched nothing; read only after the write failed. */
    private RuntimeException staleOrMissing(ID id, long expectedVersion) {
        return existsById(id) ? new OptimisticLockException(table().getName(), id, expectedVersion) : notFound(id);
    }

    /** MariaDB/MySQL and H2 have no ON CONFLICT (…) WHERE, and no partial indexes it could name. */
    private void requireConflictWhere(ConflictTarget target) {
        SQLDialect family = executor.dsl().dialect().family();
        if (family != SQLDialect.POSTGRES && family != SQLDialect.SQLITE) {
            throw new UnsupportedStatementException("upsert on " + table().getName() + " with " + target
                    + ": " + family.getName() + " has no partial unique indexes and no conflict target with WHERE;"
                    + " use a unique key (e.g. over a generated column) without where(…)");
        }
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
