package dev.kysera.core.page;

/**
 * Where rows whose sort key is {@code NULL} go, for one {@link SortKey}.
 *
 * <p>The placement is always rendered explicitly ({@code NULLS FIRST} / {@code NULLS LAST}; jOOQ
 * emulates it on MySQL/MariaDB with an extra {@code nvl2(col, …)} ordering term), so a page looks
 * the same on every database, and the keyset seek predicate contains matching {@code IS NULL}
 * branches, so NULL values in the data and in a cursor are paged correctly.
 *
 * <p>The default ({@link SortKey#asc} / {@link SortKey#desc}) treats NULL as larger than every
 * value: {@link #NULLS_LAST} for ascending keys and {@link #NULLS_FIRST} for descending keys, which
 * is PostgreSQL's native behaviour.
 */
public enum NullOrder {
    /** NULLs come before every non-NULL value, whatever the direction. */
    NULLS_FIRST,
    /** NULLs come after every non-NULL value, whatever the direction. */
    NULLS_LAST,
    /**
     * The caller declares that the column never holds NULL. The ORDER BY carries no null clause and
     * the seek predicate has no {@code IS NULL} branch (index friendly on every database, including
     * MariaDB where the explicit null placement defeats an index). A NULL met in a row is reported
     * as an {@link IllegalStateException}; a NULL in a cursor makes the cursor invalid.
     */
    NOT_NULL;

    /**
     * The placement seen when the whole order is walked backwards.
     *
     * @return the flipped placement; {@link #NOT_NULL} stays itself
     */
    public NullOrder reversed() {
        return switch (this) {
            case NULLS_FIRST -> NULLS_LAST;
            case NULLS_LAST -> NULLS_FIRST;
            case NOT_NULL -> NOT_NULL;
        };
    }
}
