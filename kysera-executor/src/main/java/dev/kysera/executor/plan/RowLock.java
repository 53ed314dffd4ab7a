package dev.kysera.executor.plan;

/**
 * The row lock a SELECT takes on the rows it reads from a table occurrence ({@code FOR UPDATE} and
 * its weaker forms). A locked occurrence is judged by the row filters of {@link dev.kysera.executor.Operation#READ}
 * and of {@link dev.kysera.executor.Operation#UPDATE}, as PostgreSQL applies UPDATE policies to rows
 * locked by any of these clauses.
 */
public enum RowLock {
    /** Not locked: a plain read. */
    NONE,
    /** {@code FOR UPDATE}. */
    UPDATE,
    /** {@code FOR NO KEY UPDATE}. */
    NO_KEY_UPDATE,
    /** {@code FOR SHARE} (MariaDB and MySQL: {@code LOCK IN SHARE MODE}). */
    SHARE,
    /** {@code FOR KEY SHARE}. */
    KEY_SHARE
}
