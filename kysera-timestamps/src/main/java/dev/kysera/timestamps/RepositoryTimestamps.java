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
     * Sets the updated column of one row to now and nothing else.
     *
     * @return false if no visible row has that id (nothing happens)
     * @throws IllegalStateException if the plugin has no updated column
     */
    boolean touch(ID id);

    /** Sets the updated column of these rows to now, in one statement; returns how many rows changed. */
    int touchAll(Collection<? extends ID> ids);

    /** Rows created strictly after {@code instant}, oldest first. */
    List<T> findCreatedAfter(Instant instant);

    /** Rows created strictly before {@code instant}, oldest first. */
    List<T> findCreatedBefore(Instant instant);

    /** Rows created between the bounds, both inclusive, oldest first; empty when {@code from} is after {@code to}. */
    List<T> findCreatedBetween(Instant from, Instant to);

    /** Rows updated strictly after {@code instant}, least recently updated first. */
    List<T> findUpdatedAfter(Instant instant);

    /** Rows updated strictly before {@code instant}, least recently updated first. */
    List<T> findUpdatedBefore(Instant instant);

    /** Rows updated between the bounds, both inclusive; empty when {@code from} is after {@code to}. */
    List<T> findUpdatedBetween(Instant from, Instant to);

    /**
     * The {@code limit} most recently created rows, newest first (ties broken by primary key,
     * descending); rows without a creation time are left out.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    List<T> findRecentlyCreated(int limit);

    /** Creates a row without setting timestamps (the plugin is bypassed for this call only). */
    T createWithoutTimestamps(C input);

    /** Updates a row without setting the updated column (the plugin is bypassed for this call only). */
    T updateWithoutTimestamps(ID id, U changes);
}
