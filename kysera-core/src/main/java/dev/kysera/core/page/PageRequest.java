package dev.kysera.core.page;

/**
 * A request for one offset page, as the client sent it. The numbers are taken as given and
 * normalised by the {@link Paginator}: a page below 1 becomes 1, a page above the configured
 * maximum becomes that maximum; a negative size means "the default size", a size above the
 * configured maximum is clamped to it, and size 0 asks for the counts only (no rows).
 *
 * @param page 1-based page number
 * @param size rows per page, 0 for counts only, negative for the default
 */
public record PageRequest(long page, int size) {

    /** Size value meaning "use the paginator's default size". */
    public static final int DEFAULT_SIZE = -1;

    /**
     * The given page and size.
     *
     * @param page 1-based page number
     * @param size rows per page, 0 for counts only, negative for the default
     * @return the request
     */
    public static PageRequest of(long page, int size) {
        return new PageRequest(page, size);
    }

    /**
     * The given page with the paginator's default size.
     *
     * @param page 1-based page number
     * @return the request
     */
    public static PageRequest ofPage(long page) {
        return new PageRequest(page, DEFAULT_SIZE);
    }

    /**
     * The first page with the given size.
     *
     * @param size rows per page, 0 for counts only, negative for the default
     * @return the request
     */
    public static PageRequest ofSize(int size) {
        return new PageRequest(1, size);
    }
}
