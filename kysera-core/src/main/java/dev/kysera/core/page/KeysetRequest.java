package dev.kysera.core.page;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for one keyset page. Without a cursor (or with an empty one) it asks for the first
 * page. With a cursor taken from {@link CursorPage#nextCursor()} it asks for the rows after that
 * page; with one from {@link CursorPage#previousCursor()}, for the rows before it — the direction
 * travels inside the cursor, so the client just sends back whichever cursor it was given.
 *
 * <p>Immutable; equal when size and cursor are equal.
 */
public final class KeysetRequest {

    private final int size;
    private final String cursor;

    private KeysetRequest(int size, String cursor) {
        this.size = size;
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
    }

    /**
     * The first page with the given size.
     *
     * @param size rows per page; 0 or negative means the paginator's default, above its maximum is
     *             clamped to the maximum
     * @return the request
     */
    public static KeysetRequest first(int size) {
        return new KeysetRequest(size, null);
    }

    /**
     * The page the cursor points at.
     *
     * @param size   rows per page, as for {@link #first(int)}
     * @param cursor the opaque cursor; null or empty means the first page
     * @return the request
     */
    public static KeysetRequest of(int size, String cursor) {
        return new KeysetRequest(size, cursor);
    }

    /**
     * Rows per page as requested.
     *
     * @return the requested size; 0 or negative means the paginator's default
     */
    public int size() {
        return size;
    }

    /**
     * The opaque cursor.
     *
     * @return the cursor, or empty for the first page
     */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeysetRequest that && size == that.size && Objects.equals(cursor, that.cursor);
    }

    @Override
    public int hashCode() {
        return 31 * size + Objects.hashCode(cursor);
    }

    @Override
    public String toString() {
        return "KeysetRequest[size=" + size + ", cursor=" + (cursor == null ? "none" : cursor) + "]";
    }
}
