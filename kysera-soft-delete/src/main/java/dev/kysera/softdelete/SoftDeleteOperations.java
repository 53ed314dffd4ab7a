package dev.kysera.softdelete;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.OrderField;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Soft-delete operations for one repository, from {@code repository.extension(plugin.operations())}.
 * Everything runs through the repository's executor, so its other plugins (tenant filters,
 * timestamps, audit) apply to these statements too; only the soft-delete filter is lifted where an
 * operation must see deleted rows. Safe to use from several threads.
 *
 * @param <T>  the repository's row type
 * @param <ID> the repository's id type
 */
public final class SoftDeleteOperations<T, ID> {

    private final SoftDeletePlugin plugin;
    private final Repository<T, ID, ?, ?> repository;

    SoftDeleteOperations(SoftDeletePlugin plugin, Repository<T, ID, ?, ?> repository) {
        this.plugin = plugin;
        this.repository = repository;
    }

    /**
     * Marks the live row deleted and returns it as stored. Marking and reading back run in one
     * transaction (a savepoint inside a transaction the executor already has open).
     *
     * @param id the row's id
     * @return the row as stored after marking, with the marker set
     * @throws NotFoundException if there is no live row with that id (missing, or already deleted)
     */
    public T softDelete(ID id) {
        return executor().transactionResult(tx -> {
            if (mark(tx, repository.key().matches(id)) == 0) {
                throw new NotFoundException(tableName(), id);
            }
            return including(tx).findById(id).orElseThrow(() -> new NotFoundException(tableName(), id));
        });
    }

    /**
     * Marks every live row with these ids deleted in one UPDATE. Ids of missing or already deleted
     * rows are skipped, not reported.
     *
     * @param ids the rows' ids; an empty collection runs no SQL
     * @return how many rows were marked
     */
    public int softDeleteMany(Collection<? extends ID> ids) {
        return ids.isEmpty() ? 0 : mark(executor(), repository.key().matchesAny(ids));
    }

    /**
     * Brings a deleted row back and returns it. The checks, the update and the read back run in one
     * transaction (a savepoint inside a transaction the executor already has open).
     *
     * @param id the row's id
     * @return the row as stored after the restore, live again
     * @throws NotFoundException          if no row (live or deleted) has that id, or another plugin (such as
     *                                    row-level security) does not let the caller change the deleted row
     * @throws RecordNotDeletedException  if the row is live
     */
    public T restore(ID id) {
        return executor().transactionResult(tx -> {
            Repository<T, ID, ?, ?> all = including(tx);
            if (!all.existsById(id)) {
                throw new NotFoundException(tableName(), id);
            }
            if (unmark(tx, repository.key().matches(id)) == 0) {
                // live, or deleted yet kept from the caller by another plugin (row-level security lets it read the row, not change it)
                throw liveNow(tx, id) ? new RecordNotDeletedException(tableName(), id) : new NotFoundException(tableName(), id);
            }
            return all.findById(id).orElseThrow(() -> new NotFoundException(tableName(), id));
        });
    }

    /**
     * Brings back every deleted row with these ids in one UPDATE. Ids of live or missing rows are
     * skipped, not reported.
     *
     * @param ids the rows' ids; an empty collection runs no SQL
     * @return how many rows were deleted and are now live
     */
    public int restoreMany(Collection<? extends ID> ids) {
        return ids.isEmpty() ? 0 : unmark(executor(), repository.key().matchesAny(ids));
    }

    /**
     * Really deletes the row, live or soft-deleted, with a DELETE that this plugin neither filters
     * nor turns into an UPDATE; the executor's other plugins still apply.
     *
     * @param id the row's id
     * @return {@code true} if a row was deleted, {@code false} if there is none with that id
     */
    public boolean hardDelete(ID id) {
        return hardDeleteMany(List.of(id)) > 0;
    }

    /**
     * Really deletes these rows, live or soft-deleted, as {@link #hardDelete} does.
     *
     * @param ids the rows' ids; an empty collection runs no SQL
     * @return how many rows were deleted
     */
    public int hardDeleteMany(Collection<? extends ID> ids) {
        return ids.isEmpty() ? 0 : repository.with(executor().withoutPlugin(plugin.name())).deleteByIds(ids);
    }

    /**
     * Finds a row whether it is live or deleted.
     *
     * @param id the row's id
     * @return the row, or empty if no row has that id
     */
    public Optional<T> findIncludingDeleted(ID id) {
        return including(executor()).findById(id);
    }

    /**
     * Finds the rows matching {@code condition}, live or deleted.
     *
     * @param condition the filter; {@code DSL.noCondition()} for every row
     * @param orderBy   the order of the result; none leaves it to the database
     * @return the matching rows, empty if there are none
     */
    public List<T> findAllIncludingDeleted(Condition condition, OrderField<?>... orderBy) {
        return including(executor()).findMany(condition, orderBy);
    }

    /**
     * Finds only the deleted rows matching {@code condition}.
     *
     * @param condition the filter, combined with "is deleted"; {@code DSL.noCondition()} for every
     *                  deleted row
     * @param orderBy   the order of the result; none leaves it to the database
     * @return the matching deleted rows, empty if there are none
     */
    public List<T> findOnlyDeleted(Condition condition, OrderField<?>... orderBy) {
        return including(executor()).findMany(condition.and(plugin.deleted(tableName(repository))), orderBy);
    }

    /**
     * Counts the deleted rows of the repository's table (other plugins' filters, such as a tenant
     * filter, still apply).
     *
     * @return how many rows are soft-deleted
     */
    public long countDeleted() {
        return including(executor()).count(plugin.deleted(tableName(repository)));
    }

    // ------------------------------------------------------------------ helpers

    /** UPDATE … SET marker = now WHERE condition AND live: goes through every plugin (timestamps too). */
    @SuppressWarnings("unchecked")
    private int mark(Executor executor, Condition condition) {
        Field<Object> value = (Field<Object>) plugin.deletedValue(repository.table(), executor.dsl().dialect());
        return plugin.softDeleting(executor).dsl().update(repository.table()).set(java.util.Map.of(plugin.markerColumn(), value)).where(condition).execute();
    }

    /** UPDATE … SET marker = live WHERE condition AND deleted, with the soft-delete filter lifted. */
    private int unmark(Executor executor, Condition condition) {
        return plugin.restoring(plugin.includingDeleted(executor)).dsl().update(repository.table())
                .set(plugin.markerColumn(), plugin.liveValue())
                .where(condition.and(plugin.deleted(tableName(repository)))).execute();
    }

    /**
     * Whether the row is live as it is now, by a locking read: a plain read would see the transaction's
     * snapshot (on MariaDB/MySQL REPEATABLE READ one pinned by an earlier read, from before a concurrent
     * restore that the refused UPDATE saw), a locking read sees the latest committed version, judged by
     * the other plugins' update rules as the UPDATE was. SQLite has no FOR UPDATE and needs none: the
     * refused UPDATE holds the database's write lock.
     */
    private boolean liveNow(Executor tx, ID id) {
        DSLContext dsl = plugin.includingDeleted(tx).dsl();
        var live = dsl.selectOne().from(repository.table()).where(repository.key().matches(id).and(plugin.live(tableName(repository))));
        return (dsl.dialect().family() == SQLDialect.SQLITE ? live : live.forUpdate()).fetchOptional().isPresent();
    }

    private Repository<T, ID, ?, ?> including(Executor executor) {
        return repository.with(plugin.includingDeleted(executor));
    }

    private Executor executor() {
        return repository.executor();
    }

    private String tableName() {
        return repository.table().getName();
    }

    private static Name tableName(Repository<?, ?, ?, ?> repository) {
        return repository.table().getQualifiedName();
    }
}
