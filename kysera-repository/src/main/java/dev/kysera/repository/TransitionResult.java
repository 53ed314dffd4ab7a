package dev.kysera.repository;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link Repository#transition compare-and-set transition}: applied, refused
 * because the row is in another state, or refused because no row the caller may change has the id.
 *
 * <pre>{@code
 * switch (users.transition(id, USERS.STATUS, "active", "suspended")) {
 *     case TransitionResult.Applied<User>(User user) -> ok(user);
 *     case TransitionResult.Rejected<User>(User current) -> conflict("user is " + current.status());
 *     case TransitionResult.NotFound<User> missing -> notFound(id);
 * }
 * }</pre>
 *
 * @param <T> the mapped row type
 */
public sealed interface TransitionResult<T> {

    /**
     * The row as written, when the transition was applied.
     *
     * @return the row, or empty if the transition was refused or the row is missing
     */
    default Optional<T> applied() {
        return this instanceof Applied<T>(T row) ? Optional.of(row) : Optional.empty();
    }

    /**
     * The transition happened.
     *
     * @param row the row after the update
     * @param <T> the mapped row type
     */
    record Applied<T>(T row) implements TransitionResult<T> {
        /**
         * Checks the row.
         *
         * @throws NullPointerException if {@code row} is null
         */
        public Applied {
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * The row exists but was not in the expected state; nothing was written.
     *
     * @param current the latest committed row, read with a lock right after the refused update: inside a transaction
     *                nobody else changes it before that transaction ends; outside one, anyone may at any time
     * @param <T>     the mapped row type
     */
    record Rejected<T>(T current) implements TransitionResult<T> {
        /**
         * Checks the row.
         *
         * @throws NullPointerException if {@code current} is null
         */
        public Rejected {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * No row the caller may change has the id: it does not exist, a plugin such as soft delete hides
     * it, or one such as row-level security lets the caller read it but not change it (the row still
     * holds the expected state, yet the update did not match it).
     *
     * @param <T> the mapped row type
     */
    record NotFound<T>() implements TransitionResult<T> {
    }
}
