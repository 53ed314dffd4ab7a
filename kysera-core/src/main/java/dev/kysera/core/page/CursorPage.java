package dev.kysera.core.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One keyset page. The rows are always in the sort's display order, whichever way the page was
 * reached.
 *
 * @param content        the rows, in sort order
 * @param size           the effective page size
 * @param nextCursor     a cursor for the rows after this page, present exactly when {@code hasNext}
 * @param previousCursor a cursor for the rows before this page, present exactly when
 *                       {@code hasPrevious}
 * @param hasNext        whether rows follow this page. Exact when paging forward; when paging
 *                       backward it is true (the page the cursor came from follows)
 * @param hasPrevious    whether rows precede this page. Exact when paging backward; when paging
 *                       forward it is false on the first page and true after a cursor (the page
 *                       the cursor came from precedes), even if those rows were deleted since
 * @param <T>            the row type
 */
public record CursorPage<T>(List<T> content, int size, Optional<String> nextCursor, Optional<String> previousCursor,
        boolean hasNext, boolean hasPrevious) {

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if a cursor's presence disagrees with its flag
     */
    public CursorPage {
        content = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(content, "content")));
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(previousCursor, "previousCursor");
        if (nextCursor.isPresent() != hasNext || previousCursor.isPresent() != hasPrevious) {
            throw new IllegalArgumentException("cursor presence must match hasNext/hasPrevious");
        }
    }

    /** The same page with every row converted; the cursors are unchanged. */
    public <U> CursorPage<U> map(Function<? super T, ? extends U> mapper) {
        return new CursorPage<>(content.stream().<U>map(mapper).toList(), size, nextCursor, previousCursor, hasNext,
                hasPrevious);
    }
}
