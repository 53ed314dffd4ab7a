package dev.kysera.repository;

import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Page;
import dev.kysera.core.page.PageRequest;
import dev.kysera.core.page.Sort;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.repository.internal.DefaultRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Typed CRUD over one table, run through an {@link Executor} so every plugin applies to every
 * statement. Rows map to {@code T}; writes take a create input {@code C} and an update input
 * {@code U} (both {@link Values} unless the builder says otherwise), validated before any SQL.
 * Immutable and thread-safe; {@link #with(Executor)} binds a copy to another executor, e.g. a
 * transaction's.
 *
 * <pre>{@code
 * Repository<User, Long, NewUser, Values> users = Repository.builder(USERS, Key.of(USERS.ID))
 *         .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME)))
 *         .create(u -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), newUserSchema)
 *         .build(executor);
 * User john = users.create(new NewUser("john@example.com", "John"));
 * }</pre>
 *
 * Database errors surface as {@code dev.kysera.core.error} exceptions (unique, foreign key, …),
 * translated by the executor (its default; see {@code Executor.Builder#translateErrors}).
 *
 * @param <T>  the mapped row type
 * @param <ID> the primary key type
 * @param <C>  the create input type
 * @param <U>  the update input type
 */
public interface Repository<T, ID, C, U> {

    /** Starts a repository over {@code table} with primary key {@code key}, mapping rows to the table's record type. */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, Key<ID> key) {
        return DefaultRepository.builder(table, key);
    }

    /** Shorthand for a single-column key. */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, Field<ID> key) {
        return builder(table, Key.of(key));
    }

    Table<?> table();

    Key<ID> key();

    Executor executor();

    /** The same repository running its statements through {@code executor} (e.g. a transaction's). */
    Repository<T, ID, C, U> with(Executor executor);

    // ------------------------------------------------------------------ reads

    Optional<T> findById(ID id);

    /** The rows with these ids, in one query; ids without a visible row are left out. */
    List<T> findByIds(Collection<? extends ID> ids);

    /** The first row matching {@code condition} in the given order. */
    Optional<T> findOne(Condition condition, OrderField<?>... orderBy);

    /** The rows matching {@code condition}, ordered, at most {@code limit} of them (0 = no limit). */
    List<T> findMany(Condition condition, int limit, OrderField<?>... orderBy);

    default List<T> findMany(Condition condition, OrderField<?>... orderBy) {
        return findMany(condition, 0, orderBy);
    }

    List<T> findAll(OrderField<?>... orderBy);

    long count(Condition condition);

    default long count() {
        return count(org.jooq.impl.DSL.noCondition());
    }

    boolean exists(Condition condition);

    /**
     * One offset page of the rows matching {@code condition}, with the total count.
     *
     * @throws dev.kysera.core.error.BadRequestException if the page is out of range
     */
    Page<T> findPage(Condition condition, PageRequest request, OrderField<?>... orderBy);

    /**
     * One keyset page: rows after (or, with a previous cursor, before) the request's cursor in
     * {@code sort} order, whose last key must be unique (e.g. the id).
     *
     * @throws dev.kysera.core.error.BadRequestException if the cursor is invalid, tampered or foreign
     */
    CursorPage<T> findKeyset(Condition condition, Sort sort, KeysetRequest request);

    boolean existsById(ID id);

    // ------------------------------------------------------------------ writes

    /**
     * Validates and inserts one row; returns it as stored (generated key, defaults, plugin values).
     *
     * @throws dev.kysera.core.error.ValidationException before any SQL if the input is invalid
     */
    T create(C input);

    /**
     * Validates every input first, then inserts them all-or-nothing in as few statements as the
     * database allows (multi-row INSERT, chunked under the bind-parameter limits, in one transaction).
     * Returns the stored rows in input order.
     */
    List<T> createMany(List<? extends C> inputs);

    /**
     * Validates and applies a partial update to one row; returns the updated row.
     *
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     */
    T update(ID id, U changes);

    /**
     * Like {@link #update} but only if the row is still at {@code expectedVersion}; increments the
     * version column.
     *
     * @throws OptimisticLockException if the row exists at another version
     * @throws IllegalStateException if the repository has no version column
     */
    T update(ID id, long expectedVersion, U changes);

    /** Applies the changes to every visible row matching {@code condition}; returns how many. */
    int updateMany(Condition condition, U changes);

    /** Deletes the row; false if no visible row has that id. */
    boolean delete(ID id);

    /** Deletes the rows with these ids; returns how many. */
    int deleteByIds(Collection<? extends ID> ids);

    /** Deletes every visible row matching {@code condition}; returns how many. */
    int deleteMany(Condition condition);

    /**
     * Inserts the row, or updates the existing one that has the same values in {@code conflictColumns}
     * (ON CONFLICT on PostgreSQL, SQLite and H2, ON DUPLICATE KEY on MariaDB/MySQL); returns the row.
     * The conflict columns must form a unique key, and the input must set them.
     */
    T upsert(C input, Field<?>... conflictColumns);

    /**
     * Compare-and-set on a status column: sets {@code column} to {@code to} (plus {@code alsoSet})
     * only if it currently is {@code from}. Of several concurrent callers at most one succeeds.
     *
     * @return the updated row, or empty if the row was not at {@code from} (or not visible)
     */
    <S> Optional<T> transition(ID id, Field<S> column, S from, S to, Values alsoSet);

    default <S> Optional<T> transition(ID id, Field<S> column, S from, S to) {
        return transition(id, column, from, to, Values.empty());
    }

    // ------------------------------------------------------------------ extensions

    /**
     * A typed extension a registered plugin offers repositories (e.g. soft delete's restore). Keys
     * may be declared for any repository ({@code Key<Repository<?, ?, ?, ?>, X>}) or typed by the
     * repository's row and id types.
     *
     * @throws dev.kysera.executor.PluginConfigurationException if no registered plugin offers it
     */
    <X> X extension(Extension.Key<? super Repository<T, ID, C, U>, X> key);
}
