package dev.kysera.testing.factory;

import dev.kysera.executor.Executor;
import dev.kysera.testing.internal.FakerSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Makes rows of one table for tests, typed: jOOQ records by default, any type (e.g. a Java record)
 * through {@link #as(Function)}. Immutable: every {@code set}/{@code sequence}/{@code belongsTo}
 * returns a new factory (a variant) sharing the row counter and fake-value source of the one it came from.
 *
 * <pre>{@code
 * Factory<UsersRecord> users = Factory.of(USERS)
 *         .sequence(USERS.EMAIL, n -> "user" + n + "@example.com")
 *         .set(USERS.NAME, "Ada");
 * Factory<PostsRecord> posts = Factory.of(POSTS)
 *         .sequence(POSTS.TITLE, n -> "post " + n)
 *         .belongsTo(POSTS.USER_ID, users, USERS.ID);         // creates its author unless given one
 *
 * PostsRecord post = posts.create(executor);                 // INSERTs a user, then the post
 * PostsRecord mine = posts.create(executor, Overrides.of(POSTS.USER_ID, ada.getId()));
 * UsersRecord unsaved = users.build();                        // no database
 * }</pre>
 *
 * <p>{@link #create} writes through the executor's {@code dsl()}, so its plugins apply (stamps,
 * tenants, …) and the row comes back as the database stored it; inside a {@code KyseraTest} it is
 * rolled back with the test. {@link #build} touches no database and leaves relation keys unset.
 *
 * @param <T> what the factory returns
 */
public final class Factory<T> {

    /** How one column gets its value. */
    private sealed interface Source {
        record Constant(Object value) implements Source {}
        record Sequence(LongFunction<?> value) implements Source {}
        record Supplied(Supplier<?> value) implements Source {}
        record Fake(Function<Object, ?> value) implements Source {}
        record Parent(Factory<?> factory, Field<?> key) implements Source {}
    }

    /** What variants of one factory share: the row number and the fake-value source. */
    private static final class Shared {
        final AtomicLong rows = new AtomicLong();
        final ReentrantLock fakerLock = new ReentrantLock();
        final long fakerSeed;
        Object faker;

        Shared(long fakerSeed) {
            this.fakerSeed = fakerSeed;
        }
    }

    private final Table<?> table;
    private final Map<Field<?>, Source> sources;
    private final Function<Record, ? extends T> mapper;
    private final Shared shared;
    private final List<Field<?>> readBack;

    private Factory(Table<?> table, Map<Field<?>, Source> sources, Function<Record, ? extends T> mapper, Shared shared,
                    List<Field<?>> readBack) {
        this.table = table;
        this.sources = sources;
        this.mapper = mapper;
        this.shared = shared;
        this.readBack = readBack;
    }

    /**
     * A factory of {@code table}'s records with no values yet (the database's defaults apply).
     *
     * @param table the table to insert into; with generated jOOQ classes, rows come back as its record type
     * @param <R>   the table's record type
     * @return a new factory whose fake values are seeded from the table's name
     * @throws NullPointerException if {@code table} is null
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Factory<R> of(Table<R> table) {
        Objects.requireNonNull(table, "table");
        return new Factory<>(table, Map.of(), r -> (R) r, new Shared(table.getName().hashCode()), List.of());
    }

    /**
     * The table this factory writes.
     *
     * @return the table
     */
    public Table<?> table() {
        return table;
    }

    /**
     * A variant that sets {@code field} to {@code value} ({@code null} writes NULL).
     *
     * @param field a column of the table
     * @param value the value every row gets
     * @param <V>   the column's type
     * @return a new factory; this one is unchanged
     * @throws NullPointerException     if {@code field} is null
     * @throws IllegalArgumentException if {@code field} is not a column of the table
     */
    public <V> Factory<T> set(Field<V> field, V value) {
        return with(field, new Source.Constant(value));
    }

    /**
     * A variant that sets {@code field} from the row number: 1 for the first row this factory (or a
     * variant of it) makes, 2 for the next, … — every sequence of one row sees the same number.
     *
     * @param field a column of the table
     * @param value makes the column's value from the row number
     * @param <V>   the column's type
     * @return a new factory; this one is unchanged
     * @throws NullPointerException     if {@code field} or {@code value} is null
     * @throws IllegalArgumentException if {@code field} is not a column of the table
     */
    public <V> Factory<T> sequence(Field<V> field, LongFunction<? extends V> value) {
        return with(field, new Source.Sequence(Objects.requireNonNull(value, "value")));
    }

    /**
     * A variant that sets {@code field} to a value made per row.
     *
     * @param field a column of the table
     * @param value called once per row made
     * @param <V>   the column's type
     * @return a new factory; this one is unchanged
     * @throws NullPointerException     if {@code field} or {@code value} is null
     * @throws IllegalArgumentException if {@code field} is not a column of the table
     */
    public <V> Factory<T> supply(Field<V> field, Supplier<? extends V> value) {
        return with(field, new Source.Supplied(Objects.requireNonNull(value, "value")));
    }

    /**
     * A variant that sets {@code field} from Datafaker ({@code net.datafaker:datafaker}, optional):
     * {@code fake(USERS.NAME, faker -> faker.name().fullName())}. The values are reproducible: the
     * faker's random source is seeded ({@link #fakerSeed(long)}).
     *
     * @param field a column of the table
     * @param value draws the column's value from the factory's faker, once per row
     * @param <V>   the column's type
     * @return a new factory; this one is unchanged
     * @throws IllegalStateException if Datafaker is not on the class path
     * @throws NullPointerException     if {@code field} or {@code value} is null
     * @throws IllegalArgumentException if {@code field} is not a column of the table
     */
    @SuppressWarnings("unchecked")
    public <V> Factory<T> fake(Field<V> field, Function<? super net.datafaker.Faker, ? extends V> value) {
        Objects.requireNonNull(value, "value");
        if (!FakerSupport.available(Factory.class.getClassLoader())) {
            throw new IllegalStateException("Factory.fake(" + field + ") needs Datafaker: add net.datafaker:datafaker"
                    + " to the test class path");
        }
        return with(field, new Source.Fake((Function<Object, ?>) (Function<?, ?>) value));
    }

    /**
     * A variant whose fake values come from a new source seeded with {@code seed}, with its own row
     * counter (it no longer shares them with this factory).
     *
     * @param seed the seed of the new fake-value source
     * @return a new factory; this one is unchanged
     */
    public Factory<T> fakerSeed(long seed) {
        return new Factory<>(table, sources, mapper, new Shared(seed), readBack);
    }

    /**
     * A variant in which {@code foreignKey} refers to a row of {@code parent}: {@link #create}
     * creates that row first (through the same executor) and takes its {@code parentKey}, unless the
     * call's overrides set {@code foreignKey}. {@link #build} leaves it unset.
     *
     * @param foreignKey a column of this factory's table
     * @param parent     the factory of the referenced rows
     * @param parentKey  the referenced column of the parent's table
     * @param <V>        the key's type
     * @return a new factory; this one is unchanged
     * @throws IllegalArgumentException if {@code parentKey} is not a column of the parent's table
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code foreignKey} is not a column of this factory's table
     */
    public <V> Factory<T> belongsTo(Field<V> foreignKey, Factory<?> parent, Field<V> parentKey) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(parentKey, "parentKey");
        if (!isColumnOf(parent.table, parentKey)) {
            throw new IllegalArgumentException(parentKey + " is not a column of " + parent.table);
        }
        return with(foreignKey, new Source.Parent(parent, parentKey));
    }

    /**
     * Whether {@code field} can be a column of {@code table}: found by name, and when qualified,
     * qualified by this table (jOOQ's lookup alone falls back to the unqualified name). Tables
     * without column metadata accept any field.
     */
    private static boolean isColumnOf(Table<?> table, Field<?> field) {
        if (table.fields().length == 0) {
            return true;
        }
        if (table.field(field) == null) {
            return false;
        }
        Name name = field.getQualifiedName();
        return !name.qualified() || name.qualifier().last().equals(table.getName());
    }

    /**
     * A variant that also reads back {@code columns} (e.g. the identity, or columns plugins write)
     * from the rows it creates in a table without column metadata ({@code DSL.table(name)}), which
     * otherwise come back with the columns written only.
     *
     * @param columns columns of the table to read back, in addition to those written
     * @return a new factory; this one is unchanged
     * @throws IllegalStateException if the table has column metadata: every column is read back already
     */
    public Factory<T> returning(Field<?>... columns) {
        if (table.fields().length > 0) {
            throw new IllegalStateException(table + " has column metadata: create(…) reads back every column already");
        }
        List<Field<?>> copy = new ArrayList<>(readBack);
        copy.addAll(List.of(columns));
        return new Factory<>(table, sources, mapper, shared, List.copyOf(copy));
    }

    /**
     * A factory of {@code U}s made from this factory's results, with the same values, counter and relations.
     *
     * @param mapping turns this factory's result into the new type, for {@link #build} and
     *                {@link #create}
     * @param <U>     the new result type
     * @return a new factory; this one is unchanged
     * @throws NullPointerException if {@code mapping} is null
     */
    public <U> Factory<U> as(Function<? super T, ? extends U> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return new Factory<>(table, sources, mapper.andThen(mapping), shared, readBack);
    }

    private Factory<T> with(Field<?> field, Source source) {
        Objects.requireNonNull(field, "field");
        if (!isColumnOf(table, field)) {
            throw new IllegalArgumentException(field + " is not a column of " + table);
        }
        Map<Field<?>, Source> copy = new LinkedHashMap<>(sources);
        copy.remove(field);
        copy.put(field, source);
        // Definition order, so values (and fake values drawn from one seeded source) come in a stable order.
        return new Factory<>(table, Collections.unmodifiableMap(copy), mapper, shared, readBack);
    }

    /**
     * A row with this factory's values, not saved; relation keys are unset unless overridden.
     *
     * @return the unsaved row, as a detached record or mapped by {@link #as(Function)}
     */
    public T build() {
        return build(Overrides.none());
    }

    /**
     * A row with this factory's values and {@code overrides}, not saved; relation keys are unset
     * unless overridden.
     *
     * @param overrides values that replace the factory's own for this row
     * @return the unsaved row, as a detached record or mapped by {@link #as(Function)}
     * @throws IllegalArgumentException if an override is not a column of the table
     * @throws NullPointerException     if {@code overrides} is null
     */
    public T build(Overrides overrides) {
        Map<Field<?>, Object> values = values(overrides, null);
        return mapper.apply(detached(values));
    }

    /**
     * Inserts a row with this factory's values, as {@link #create(Executor, Overrides)} does without
     * overrides.
     *
     * @param executor the executor to insert through
     * @return the row as the database stored it
     * @throws IllegalStateException if the INSERT returned no row (a plugin refused or filtered it)
     */
    public T create(Executor executor) {
        return create(executor, Overrides.none());
    }

    /**
     * Inserts a row with this factory's values and {@code overrides} through {@code executor}
     * (creating related rows first, see {@link #belongsTo}) and returns it as the database stored
     * it ({@code INSERT … RETURNING}), plugins' values included. For a table without column
     * metadata ({@code DSL.table(name)}) the row holds the columns written (and the key a relation
     * reads), as the database stored them.
     *
     * @param executor  the executor to insert through; its plugins apply
     * @param overrides values that replace the factory's own for this row
     * @return the row as the database stored it
     * @throws IllegalArgumentException if an override is not a column of the table
     * @throws RuntimeException         the executor's typed errors ({@code UniqueConstraintException}, …)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if the INSERT returned no row (a plugin refused or filtered it)
     */
    public T create(Executor executor, Overrides overrides) {
        Objects.requireNonNull(executor, "executor");
        return mapper.apply(createRecord(executor, overrides));
    }

    /**
     * Creates {@code count} rows all or none, as {@link #createMany(Executor, int, Overrides)} does
     * without overrides.
     *
     * @param executor the executor to insert through
     * @param count    how many rows to make; 0 makes none
     * @return the rows as stored, in creation order
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public List<T> createMany(Executor executor, int count) {
        return createMany(executor, count, Overrides.none());
    }

    /**
     * Creates {@code count} rows, all or none: in one transaction of {@code executor} (a savepoint
     * inside an open one).
     *
     * @param executor  the executor to insert through; its plugins apply
     * @param count     how many rows to make; 0 makes none
     * @param overrides values that replace the factory's own in every row
     * @return the rows as stored, in creation order
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws NullPointerException     if {@code executor} or {@code overrides} is null
     * @throws IllegalArgumentException if an override is not a column of the table
     */
    public List<T> createMany(Executor executor, int count, Overrides overrides) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(overrides, "overrides");
        if (count < 0) {
            throw new IllegalArgumentException("createMany count must be 0 or more, is " + count);
        }
        return executor.transactionResult(tx -> {
            List<T> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(mapper.apply(createRecord(tx, overrides)));
            }
            return List.copyOf(rows);
        });
    }

    /** Inserts one row; {@code needed} are columns the caller reads from it (a child's parent key). */
    private Record createRecord(Executor executor, Overrides overrides, Field<?>... needed) {
        Map<Field<?>, Object> values = values(overrides, executor);
        DSLContext dsl = executor.dsl();
        var insert = values.isEmpty() ? dsl.insertInto(table).defaultValues() : dsl.insertInto(table).set(values);
        Record row;
        if (table.fields().length > 0) {
            row = insert.returning().fetchOne();
        } else {
            // jOOQ knows no columns of this table (DSL.table(name)): ask for the ones written and needed.
            Set<Field<?>> columns = new LinkedHashSet<>(values.keySet());
            columns.addAll(readBack);
            columns.addAll(List.of(needed));
            row = columns.isEmpty() ? detached(values) : insert.returningResult(columns.toArray(Field<?>[]::new)).fetchOne();
        }
        if (row == null) {
            throw new IllegalStateException("INSERT into " + table + " returned no row (did a plugin refuse or filter it?)");
        }
        return row;
    }

    /** The values of one row; relations are created through {@code executor}, or left out when it is null. */
    private Map<Field<?>, Object> values(Overrides overrides, Executor executor) {
        Objects.requireNonNull(overrides, "overrides");
        for (Field<?> field : overrides.values().keySet()) {
            if (!isColumnOf(table, field)) {
                throw new IllegalArgumentException("Override " + field + " is not a column of " + table);
            }
        }
        long row = shared.rows.incrementAndGet();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        for (Map.Entry<Field<?>, Source> entry : sources.entrySet()) {
            Field<?> field = entry.getKey();
            if (overrides.contains(field)) {
                continue;
            }
            switch (entry.getValue()) {
                case Source.Constant(Object value) -> values.put(field, value);
                case Source.Sequence(LongFunction<?> value) -> values.put(field, value.apply(row));
                case Source.Supplied(Supplier<?> value) -> values.put(field, value.get());
                case Source.Fake(Function<Object, ?> value) -> values.put(field, fake(value));
                case Source.Parent(Factory<?> parent, Field<?> key) -> {
                    if (executor != null) {
                        values.put(field, parent.createRecord(executor, Overrides.none(), key).get(key));
                    }
                }
            }
        }
        values.putAll(overrides.values());
        return values;
    }

    private Object fake(Function<Object, ?> value) {
        shared.fakerLock.lock();
        try {
            if (shared.faker == null) {
                shared.faker = FakerSupport.newFaker(shared.fakerSeed);
            }
            return value.apply(shared.faker);
        } finally {
            shared.fakerLock.unlock();
        }
    }

    private Record detached(Map<Field<?>, Object> values) {
        DSLContext detached = DSL.using(SQLDialect.DEFAULT);
        Record record = table.fields().length > 0
                ? detached.newRecord(table)
                : detached.newRecord(values.keySet().toArray(Field<?>[]::new));
        for (Map.Entry<Field<?>, Object> entry : values.entrySet()) {
            set(record, entry.getKey(), entry.getValue());
        }
        record.changed(false);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static <V> void set(Record record, Field<V> field, Object value) {
        record.set(field, field.getDataType().convert(value));
    }

    @Override
    public String toString() {
        return "Factory[" + table.getName() + ", " + sources.keySet() + "]";
    }
}
