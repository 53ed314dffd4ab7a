package dev.kysera.core.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One keyset page. The rows are always in the sort's display order, whichever way the page was
 * reached. A cursor is present exactly when its flag is true.
 *
 * <p>Immutable; equal when content, size, cursors and flags are equal.
 *
 * @param <T> the row type
 */
public final class CursorPage<T> {

    private final List<T> content;
    private final int size;
    private final String nextCursor;
    private final String previousCursor;

    /**
     * A page.
     *
     * @param content        the rows, in sort order (copied)
     * @param size           the effective page size
     * @param nextCursor     a cursor for the rows after this page, or null when none follow
     * @param previousCursor a cursor for the rows before this page, or null when none precede
     * @throws NullPointerException if {@code content} is null
     */
    public CursorPage(List<T> content, int size, String nextCursor, String previousCursor) {
        this.content = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(content, "content")));
        this.size = size;
        this.nextCursor = nextCursor;
        this.previousCursor = previousCursor;
    }

    /**
     * The rows.
     *
     * @return the rows in sort order, unmodifiable
     */
    public List<T> content() {
        return content;
    }

    /**
     * The effective page size.
     *
     * @return rows per page after the paginator applied its default and maximum
     */
    public int size() {
        return size;
    }

    /**
     * The cursor for the rows after this page.
     *
     * @return the cursor, present exactly when {@link #hasNext()}
     */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    /**
     * The cursor for the rows before this page.
     *
     * @return the cursor, present exactly when {@link #hasPrevious()}
     */
    public Optional<String> previousCursor() {
        return Optional.ofNullable(previousCursor);
    }

    /**
     * Whether rows follow this page. Exact when paging forward; when paging backward it is true (the
     * page the cursor came from follows).
     *
     * @return true if a next page exists
     */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * Whether rows precede this page. Exact when paging backward; when paging forward it is false on
     * the first page and true after a cursor (the page the cursor came from precedes), even if those
     * rows were deleted since.
     *
     * @return true if a previous page exists
     */
    public boolean hasPrevious() {
        return previousCursor != null;
    }

    /**
     * The same page with every row converted; the cursors are unchanged.
     *
     * @param mapper converts one row
     * @param <U>    the new row type
     * @return the converted page
     */
    public <U> CursorPage<U> map(Function<? super T, ? extends U> mapper) {
        return new CursorPage<>(content.stream().<U>map(mapper).toList(), size, nextCursor, previousCursor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CursorPage<?> that && size == that.size && content.equals(that.content)
                && Objects.equals(nextCursor, that.nextCursor) && Objects.equals(previousCursor, that.previousCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(content, size, nextCursor, previousCursor);
    }

    @Override
    public String toString() {
        return "CursorPage[size=" + size + ", rows=" + content.size() + ", hasNext=" + hasNext() + ", hasPrevious="
                + hasPrevious() + "]";
    }
}
