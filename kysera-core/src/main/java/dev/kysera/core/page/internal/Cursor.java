package dev.kysera.core.page.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A decoded cursor: a boundary row's key values and which way to walk from it. Not API.
 *
 * @param backward  walk towards the start (rows before the boundary) instead of towards the end
 * @param inclusive include the boundary row itself
 * @param values    the boundary row's sort key values, in sort key order; may hold nulls
 */
public record Cursor(boolean backward, boolean inclusive, List<Object> values) {

    public Cursor {
        values = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(values, "values")));
    }
}
