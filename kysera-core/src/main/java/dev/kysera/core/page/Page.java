package dev.kysera.core.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One offset page and the counts around it.
 *
 * @param content       the rows of this page, in query order; empty past the last page
 * @param page          the effective 1-based page number (after clamping)
 * @param size          the effective page size (after clamping); 0 when only counts were asked for
 * @param totalElements rows (or groups, for a grouped query) the whole query returns
 * @param totalPages    {@code ceil(totalElements / size)}, 0 when size is 0
 * @param hasNext       whether a later page has rows
 * @param hasPrevious   whether this is not the first page
 * @param <T>           the row type
 */
public record Page<T>(List<T> content, long page, int size, long totalElements, long totalPages,
        boolean hasNext, boolean hasPrevious) {

    /**
     * Copies the content into an unmodifiable list.
     *
     * @throws NullPointerException if content is null
     */
    public Page {
        content = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(content, "content")));
    }

    /**
     * The same page with every row converted.
     *
     * @param mapper converts each row, not null
     * @param <U> the converted row type
     * @return a new page with the same counts
     * @throws NullPointerException if {@code mapper} is null
     */
    public <U> Page<U> map(Function<? super T, ? extends U> mapper) {
        return new Page<>(content.stream().<U>map(mapper).toList(), page, size, totalElements, totalPages, hasNext,
                hasPrevious);
    }
}
