package dev.kysera.core.page;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for one keyset page. Without a cursor (or with an empty one) it asks for the first
 * page. With a cursor taken from {@link CursorPage#nextCursor()} it asks for the rows after that
 * page; with one from {@link CursorPage#previousCursor()}, for the rows before it — the direction
 * travels inside the cursor, so the client just sends back whichever cursor it was given.
 *
 * @param size   rows per page; 0 or negative means the paginator's default, above its maximum is
 *               clamped to the maximum
 * @param cursor the opaque cursor, if any
 */
public record KeysetRequest(int size, Optional<String> cursor) {

    /** @throws NullPointerException if cursor is null (use {@link Optional#empty()}) */
    public KeysetRequest {
        Objects.requireNonNull(cursor, "cursor");
        cursor = cursor.filter(c -> !c.isEmpty());
    }

    /** The first page with the given size. */
    public static KeysetRequest first(int size) {
        return new KeysetRequest(size, Optional.empty());
    }

    /** The page the cursor points at; a null or empty cursor means the first page. */
    public static KeysetRequest of(int size, String cursor) {
        return new KeysetRequest(size, Optional.ofNullable(cursor));
    }
}
