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

    /**
     * Starts a repository over {@code table} with primary key {@code key}, mapping rows to the table's record type.
     *
     * @param table the table; with generated jOOQ classes every column is known, with {@code DSL.table(name)}
     *              the builder needs {@code select(…)}
     * @param key   the table's primary key
     * @param <R>   the table's record type
     * @param <ID>  the primary key type
     * @return a new builder; create and update input are {@link Values}
     * @throws NullPointerException if an argument is null
     */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, PrimaryKey<ID> key) {
        return DefaultRepository.builder(table, key);
    }

    /**
     * Starts a repository over {@code table} whose primary key is the single column {@code key}, as
     * {@link #builder(Table, PrimaryKey)} does.
     *
     * @param table the table
     * @param key   the single primary key column
     * @param <R>   the table's record type
     * @param <ID>  the primary key type
     * @return a new builder; create and update input are {@link Values}
     * @throws NullPointerException if an argument is null
     */
    static <R extends Record, ID> RepositoryBuilder<R, ID, Values, Values> builder(Table<R> table, Field<ID> key) {
        return builder(table, PrimaryKey.of(key));
    }

    /**
     * The table this repository reads and writes.
     *
     * @return the table
     */
    Table<?> table();

    /**
     * The primary key rows are identified by.
     *
     * @return the key
     */
    PrimaryKey<ID> key();

    /**
     * The executor every statement of this repository runs through.
     *
     * @return the executor
     */
    Executor executor();

    /**
     * The same repository running its statements through {@code executor} (e.g. a transaction's).
     *
     * @param executor the executor to run through; its plugins apply instead of the current one's
     * @return a new repository; this one is unchanged
     * @throws NullPointerException if {@code executor} is null
     */
    Repository<T, ID, C, U> with(Executor executor);

    // ------------------------------------------------------------------ reads

    /**
     * Finds the visible row with this id (plugins' filters, such as soft delete, apply).
     *
     * @param id the row's id
     * @return the row, or empty if no visible row has that id
     */
    Optional<T> findById(ID id);

    /**
     * The rows with these ids, in one query; ids without a visible row are left out.
     *
     * @param ids the ids; an empty collection runs no SQL
     * @return the rows found, in no particular order
     */
    List<T> findByIds(Collection<? extends ID> ids);

    /**
     * The first row matching {@code condition} in the given order.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @param orderBy   the order; none leaves it to the database
     * @return the first row, or empty if none matches
     */
    Optional<T> findOne(Condition condition, OrderField<?>... orderBy);

    /**
     * The rows matching {@code condition}, ordered, at most {@code limit} of them (0 = no limit).
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @param limit     the most rows to return; 0 (or less) means no limit
     * @param orderBy   the order; none leaves it to the database
     * @return the matching rows
     */
    List<T> findMany(Condition condition, int limit, OrderField<?>... orderBy);

    /**
     * Every row matching {@code condition}, ordered.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @param orderBy   the order; none leaves it to the database
     * @return every matching row
     */
    default List<T> findMany(Condition condition, OrderField<?>... orderBy) {
        return findMany(condition, 0, orderBy);
    }

    /**
     * Every visible row of the table, ordered: mind the size of the table.
     *
     * @param orderBy the order; none leaves it to the database
     * @return the rows
     */
    List<T> findAll(OrderField<?>... orderBy);

    /**
     * Counts the visible rows matching {@code condition}.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @return how many rows match
     */
    long count(Condition condition);

    /**
     * Counts the visible rows of the table.
     *
     * @return how many rows are visible
     */
    default long count() {
        return count(org.jooq.impl.DSL.noCondition());
    }

    /**
     * Whether a visible row matches {@code condition}, without reading it.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @return {@code true} if at least one row matches
     */
    boolean exists(Condition condition);

    /**
     * One offset page of the rows matching {@code condition}, with the total count.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @param request   the page number and size
     * @param orderBy   the order; give a unique last key (e.g. the id) for stable pages
     * @return the page's rows and the total count
     * @throws dev.kysera.core.error.BadRequestException if the page is out of range
     */
    Page<T> findPage(Condition condition, PageRequest request, OrderField<?>... orderBy);

    /**
     * One keyset page: rows after (or, with a previous cursor, before) the request's cursor in
     * {@code sort} order, whose last key must be unique (e.g. the id).
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()} for
     *                  every visible row
     * @param sort      the order, whose last key is unique
     * @param request   the page size and the cursor, if any
     * @return the page's rows and the cursors of the pages around it
     * @throws dev.kysera.core.error.BadRequestException if the cursor is invalid, tampered or foreign
     */
    CursorPage<T> findKeyset(Condition condition, Sort sort, KeysetRequest request);

    /**
     * Whether a visible row has this id.
     *
     * @param id the row's id
     * @return {@code true} if a visible row has that id
     */
    boolean existsById(ID id);

    // ------------------------------------------------------------------ writes

    /**
     * Validates and inserts one row; returns it as stored (generated key, defaults, plugin values).
     *
     * @param input the create input, mapped to column values by the builder's create mapping
     * @return the row as stored
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the input is invalid
     */
    T create(C input);

    /**
     * Validates every input first, then inserts them all-or-nothing in as few statements as the
     * database allows (multi-row INSERT, chunked under the bind-parameter limits, in one transaction).
     * Returns the stored rows in input order.
     *
     * @param inputs the create inputs; an empty list runs no SQL
     * @return the stored rows, in input order
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if an input is invalid
     */
    List<T> createMany(List<? extends C> inputs);

    /**
     * Validates and applies a partial update to one row (incrementing the version column, if any);
     * returns the updated row.
     *
     * @param id      the row's id
     * @param changes the update input, mapped to column values by the builder's update mapping
     * @return the row as stored after the update
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalArgumentException if the changes set the version column
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the changes are invalid
     */
    T update(ID id, U changes);

    /**
     * Like {@link #update} but only if the row is still at {@code expectedVersion}; increments the
     * version column in the same statement. With no changes the version is checked, not incremented.
     *
     * @param id              the row's id
     * @param expectedVersion the version the caller read
     * @param changes         the update input
     * @return the row as stored after the update
     * @throws OptimisticLockException if the row exists at another version
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalStateException if the repository has no version column
     * @throws IllegalArgumentException if the changes set the version column
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the changes are invalid
     */
    T update(ID id, long expectedVersion, U changes);

    /**
     * Applies the changes to every visible row matching {@code condition} (incrementing each row's
     * version column, if any); returns how many. No changes → nothing is written, 0.
     *
     * @param condition the filter, combined with the plugins' filters
     * @param changes   the update input
     * @return how many rows were updated
     * @throws IllegalArgumentException if the changes set the version column
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the changes are invalid
     */
    int updateMany(Condition condition, U changes);

    /**
     * Deletes the visible row with this id (a soft-delete plugin may turn this into an UPDATE).
     *
     * @param id the row's id
     * @return {@code true} if a row was deleted
     */
    boolean delete(ID id);

    /**
     * Deletes the row only if it is still at {@code expectedVersion}.
     *
     * @param id              the row's id
     * @param expectedVersion the version the caller read
     * @throws OptimisticLockException if the row exists at another version
     * @throws dev.kysera.core.error.NotFoundException if no visible row has that id
     * @throws IllegalStateException if the repository has no version column
     */
    void delete(ID id, long expectedVersion);

    /**
     * Deletes the visible rows with these ids in one statement.
     *
     * @param ids the ids; an empty collection runs no SQL
     * @return how many rows were deleted
     */
    int deleteByIds(Collection<? extends ID> ids);

    /**
     * Deletes every visible row matching {@code condition}; returns how many.
     *
     * @param condition the filter, combined with the plugins' filters; {@code DSL.noCondition()}
     *                  deletes every visible row
     * @return how many rows were deleted
     */
    int deleteMany(Condition condition);

    /**
     * Inserts the row, or updates the existing one that has the same values in the target's columns
     * (ON CONFLICT on PostgreSQL, SQLite and H2, ON DUPLICATE KEY on MariaDB/MySQL); returns the row.
     * The columns must form a unique key (or, with {@link ConflictTarget#where}, a unique partial
     * index), and the input must set them. When the input sets nothing but those columns an
     * existing row is left as it is.
     *
     * @param input  the create input
     * @param target the conflict columns, and the index predicate of a partial unique index
     * @return the row as stored after the insert or update
     * @throws IllegalArgumentException if the input does not set a conflict column
     * @throws dev.kysera.executor.UnsupportedStatementException before any SQL if the target has an
     *         index predicate and the database has no conflict target with WHERE (MariaDB/MySQL, H2)
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the input is invalid
     */
    T upsert(C input, ConflictTarget target);

    /**
     * {@link #upsert(Object, ConflictTarget)} on a unique key of these columns.
     *
     * @param input           the create input
     * @param conflictColumns the columns of the unique key
     * @return the row as stored after the insert or update
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
     * tell a row in another state ({@link TransitionResult.Rejected}) from a missing one
     * ({@link TransitionResult.NotFound} — also when the row still holds {@code from}: then a
     * plugin, such as row-level security, lets the caller read the row but not change it). That
     * read is a locking one ({@code SELECT … FOR UPDATE}; on SQLite the refused UPDATE already holds
     * the write lock), so {@code Rejected} reports the latest committed row — not the transaction's
     * snapshot, which on MariaDB/MySQL (REPEATABLE READ) an earlier read pins — and inside a
     * transaction the row stays as reported until it ends: a transition from the reported state
     * then applies. A locking read also needs the right to update the row (the executor judges it by
     * plugins' update filters, as PostgreSQL's native row-level security applies UPDATE policies), so
     * a row the caller may read but not update is {@code NotFound} too, except on SQLite.
     *
     * @param id      the row's id
     * @param column  the status column
     * @param from    the value the column must hold; {@code null} for IS NULL
     * @param to      the value to set
     * @param alsoSet further columns to set in the same statement; {@link Values#empty()} for none
     * @param <S>     the column's type
     * @return what happened; {@link TransitionResult#applied()} for the old "row or empty" view
     * @throws IllegalArgumentException if {@code alsoSet} sets the version column
     */
    <S> TransitionResult<T> transition(ID id, Field<S> column, S from, S to, Values alsoSet);

    /**
     * {@link #transition(Object, Field, Object, Object, Values)} changing only {@code column}.
     *
     * @param id     the row's id
     * @param column the status column
     * @param from   the value the column must hold; {@code null} for IS NULL
     * @param to     the value to set
     * @param <S>    the column's type
     * @return what happened
     */
    default <S> TransitionResult<T> transition(ID id, Field<S> column, S from, S to) {
        return transition(id, column, from, to, Values.empty());
    }

    // ------------------------------------------------------------------ extensions

    /**
     * A typed extension a registered plugin offers repositories (e.g. soft delete's restore). Keys
     * may be declared for any repository ({@code Extension.Key<Repository<?, ?, ?, ?>, X>}) or typed by the
     * repository's row and id types.
     *
     * @param key the extension's key, from the plugin (e.g. {@code softDelete.operations()})
     * @param <X> the extension's type
     * @return the extension bound to this repository
     * @throws dev.kysera.executor.PluginConfigurationException if no registered plugin offers it
     */
    <X> X extension(Extension.Key<? super Repository<T, ID, C, U>, X> key);
}
