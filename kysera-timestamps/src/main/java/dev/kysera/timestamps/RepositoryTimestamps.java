package dev.kysera.timestamps;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What {@link TimestampsPlugin} adds to a repository, obtained with
 * {@code repository.extension(plugin.repositoryKey())}. Reads run through the repository, so other
 * plugins' filters (soft delete, tenants) apply. Bounds are instants, converted to the column's
 * storage type and precision exactly like written values, so the finders also work on integer
 * (epoch) and text columns.
 *
 * @param <T>  the repository's row type
 * @param <ID> its primary key type
 * @param <C>  its create input type
 * @param <U>  its update input type
 */
public interface RepositoryTimestamps<T, ID, C, U> {

    /**
     * Sets the updated column of one row to now and nothing else (other plugins' filters and
     * values still apply to the UPDATE).
     *
     * @param id the row's id
     * @return {@code true} if the row was touched, {@code false} if no visible row has that id
     *         (nothing happens)
     * @throws IllegalStateException if the plugin has no updated column
     */
    boolean touch(ID id);

    /**
     * Sets the updated column of these rows to now, in one UPDATE; ids without a visible row are
     * skipped.
     *
     * @param ids the rows' ids; an empty collection runs no SQL
     * @return how many rows were touched
     * @throws IllegalStateException if the plugin has no updated column
     */
    int touchAll(Collection<? extends ID> ids);

    /**
     * Finds the rows created strictly after {@code instant}, oldest first (ties by primary key).
     *
     * @param instant the exclusive lower bound
     * @return the matching rows; rows without a creation time are left out
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalStateException if the plugin has no created column
     */
    List<T> findCreatedAfter(Instant instant);

    /**
     * Finds the rows created strictly before {@code instant}, oldest first (ties by primary key).
     *
     * @param instant the exclusive upper bound
     * @return the matching rows; rows without a creation time are left out
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalStateException if the plugin has no created column
     */
    List<T> findCreatedBefore(Instant instant);

    /**
     * Finds the rows created between the bounds, both inclusive, oldest first (ties by primary key).
     *
     * @param from the inclusive lower bound
     * @param to the inclusive upper bound
     * @return the matching rows; empty, without a query, when {@code from} is after {@code to}
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws IllegalStateException if the plugin has no created column
     */
    List<T> findCreatedBetween(Instant from, Instant to);

    /**
     * Finds the rows updated strictly after {@code instant}, least recently updated first (ties by primary key).
     *
     * @param instant the exclusive lower bound
     * @return the matching rows; rows without an update time are left out
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalStateException if the plugin has no updated column
     */
    List<T> findUpdatedAfter(Instant instant);

    /**
     * Finds the rows updated strictly before {@code instant}, least recently updated first (ties by primary key).
     *
     * @param instant the exclusive upper bound
     * @return the matching rows; rows without an update time are left out
     * @throws NullPointerException if {@code instant} is null
     * @throws IllegalStateException if the plugin has no updated column
     */
    List<T> findUpdatedBefore(Instant instant);

    /**
     * Finds the rows updated between the bounds, both inclusive, least recently updated first (ties by primary key).
     *
     * @param from the inclusive lower bound
     * @param to the inclusive upper bound
     * @return the matching rows; empty, without a query, when {@code from} is after {@code to}
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws IllegalStateException if the plugin has no updated column
     */
    List<T> findUpdatedBetween(Instant from, Instant to);

    /**
     * The {@code limit} most recently created rows, newest first (ties broken by primary key,
     * descending); rows without a creation time are left out.
     *
     * @param limit the most rows to return; 0 returns an empty list without a query
     * @return at most {@code limit} rows
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws IllegalStateException    if the plugin has no created column
     */
    List<T> findRecentlyCreated(int limit);

    /**
     * Creates a row without setting timestamps: this plugin is bypassed for this call only, so the
     * input's own values (or the columns' defaults) are stored. Other plugins still apply.
     *
     * @param input the create input, as for {@link dev.kysera.repository.Repository#create}
     * @return the created row as stored
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the input is invalid
     */
    T createWithoutTimestamps(C input);

    /**
     * Updates a row without setting the updated column: this plugin is bypassed for this call only.
     * Other plugins still apply.
     *
     * @param id      the row's id
     * @param changes the update input, as for {@link dev.kysera.repository.Repository#update(Object, Object)}
     * @return the updated row as stored
     * @throws dev.kysera.core.error.ValidationFailedException before any SQL if the changes are invalid
     * @throws dev.kysera.core.error.NotFoundException          if no visible row has that id
     * @throws IllegalArgumentException                         if the changes set the version column
     */
    T updateWithoutTimestamps(ID id, U changes);
}
