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
 * Repository<User, Long, NewUser, Values> users = Repository.builder(USERS, PrimaryKey.of(USERS.ID))
 *         .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME)))
 *         .create(u -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), newUserSchema)
 *         .build(executor);
 * User john = users.create(new NewUser("john@example.com", "John"));
 * }</pre>
 *
 * Database errors surface as {@code dev.kysera.core.error} exceptions (unique, foreign key, …),
 * translated by the executor (its default; see {@code Executor.Builder#translateErrors}).
 *
 * <p><b>Optimistic locking.</b> With {@link RepositoryBuilder#version a version column} every write
 * that changes rows — {@link #update(Object, Object) update}, {@link #updateMany updateMany},
 * {@link #transition transition}, the update branch of {@link #upsert(Object, ConflictTarget) upsert}
 * — increments it in the same statement, so a writer holding an older version always notices;
 * {@link #create create} starts rows at 0 unless the input sets the version. The methods taking an
 * expected version ({@link #update(Object, long, Object)}, {@link #delete(Object, long)}) write only
 * at that version and throw {@link OptimisticLockException} otherwise. The version column belongs
 * to the repository: update input that sets it is refused.
 *
 * @param <T>  the mapped row type
 * @param <ID> the primary key type
 * @param <C>  the create input type
 * @param <U>  the update input type
 */
public interface Repository<T, ID, C, U> {

    /** Starts a repository over {@code table} with primary key {@code key}, mapping rows to the table's record type. */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, PrimaryKey<ID> key) {
        return DefaultRepository.builder(table, key);
    }

    /** Shorthand for a single-column key. */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, Field<ID> key) {
        return builder(table, PrimaryKey.of(key));
    }

    Table<?> table();

    PrimaryKey<ID> key();

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
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the input is invalid
     */
    T create(C input);

    /**
     * Validates every input first, then inserts them all-or-nothing in as few statements as the
     * database allows (multi-row INSERT, chunked under the bind-parameter limits, in one transaction).
     * Returns the stored rows in input order.
     */
    List<T> createMany(List<? extends C> inputs);

    /**
     * Validates and applies a partial update to one row (incrementing the version column, if any);
     * returns the updated row.
     *
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalArgumentException if the changes set the version column
     */
    T update(ID id, U changes);

    /**
     * Like {@link #update} but only if the row is still at {@code expectedVersion}; increments the
     * version column in the same statement. With no changes the version is checked, not incremented.
     *
     * @throws OptimisticLockException if the row exists at another version
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalStateException if the repository has no version column
     * @throws IllegalArgumentException if the changes set the version column
     */
    T update(ID id, long expectedVersion, U changes);

    /**
     * Applies the changes to every visible row matching {@code condition} (incrementing each row's
     * version column, if any); returns how many. No changes → nothing is written, 0.
     *
     * @throws IllegalArgumentException if the changes set the version column
     */
    int updateMany(Condition condition, U changes);

    /** Deletes the row; false if no visible row has that id. */
    boolean delete(ID id);

    /**
     * Deletes the row only if it is still at {@code expectedVersion}.
     *
     * @throws OptimisticLockException if the row exists at another version
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalStateException if the repository has no version column
     */
    void delete(ID id, long expectedVersion);

    /** Deletes the rows with these ids; returns how many. */
    int deleteByIds(Collection<? extends ID> ids);

    /** Deletes every visible row matching {@code condition}; returns how many. */
    int deleteMany(Condition condition);

    /**
     * Inserts the row, or updates the existing one that has the same values in the target's columns
     * (ON CONFLICT on PostgreSQL, SQLite and H2, ON DUPLICATE KEY on MariaDB/MySQL); returns the row.
     * The columns must form a unique key (or, with {@link ConflictTarget#where}, a unique partial
     * index), and the input must set them. When the input sets nothing but those columns an
     * existing row is left as it is.
     *
     * @throws IllegalArgumentException if the input does not set a conflict column
     * @throws dev.kysera.executor.UnsupportedStatementException before any SQL if the target has an
     *         index predicate and the database has no conflict target with WHERE (MariaDB/MySQL, H2)
     */
    T upsert(C input, ConflictTarget target);

    /**
     * {@link #upsert(Object, ConflictTarget)} on a unique key of these columns.
     *
     * @throws IllegalArgumentException if no column is given or the input does not set one
     */
    default T upsert(C input, Field<?>... conflictColumns) {
        return upsert(input, ConflictTarget.of(conflictColumns));
    }

    /**
     * Compare-and-set on a status column: sets {@code column} to {@code to} (plus {@code alsoSet},
     * and the version increment) only if it currently is {@code from} (NULL: IS NULL). Of several
     * concurrent callers at most one succeeds. An applied transition is one statement where
     * UPDATE … RETURNING exists (PostgreSQL, SQLite, H2); a refused one reads the row once more to
     * tell a row in another state ({@link TransitionResult.Rejected}, with the row as read) from a
     * missing one ({@link TransitionResult.NotFound}).
     *
     * @return what happened; {@link TransitionResult#applied()} for the old "row or empty" view
     * @throws IllegalArgumentException if {@code alsoSet} sets the version column
     */
    <S> TransitionResult<T> transition(ID id, Field<S> column, S from, S to, Values alsoSet);

    /**
     * {@link #transition(Object, Field, Object, Object, Values)} changing only {@code column}.
     *
     * @return what happened
     */
    default <S> TransitionResult<T> transition(ID id, Field<S> column, S from, S to) {
        return transition(id, column, from, to, Values.empty());
    }

    // ------------------------------------------------------------------ extensions

    /**
     * A typed extension a registered plugin offers repositories (e.g. soft delete's restore). Keys
     * may be declared for any repository ({@code PrimaryKey<Repository<?, ?, ?, ?>, X>}) or typed by the
     * repository's row and id types.
     *
     * @throws dev.kysera.executor.PluginConfigurationException if no registered plugin offers it
     */
    <X> X extension(Extension.Key<? super Repository<T, ID, C, U>, X> key);
}
