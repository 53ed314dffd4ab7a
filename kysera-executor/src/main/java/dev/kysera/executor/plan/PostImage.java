package dev.kysera.executor.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns one written row gets, after plugins' values were applied. An INSERT row's unwritten
 * columns take their defaults; an UPDATE's unwritten columns keep their values.
 *
 * @param values written values by lower-cased, unqualified column name, in statement order
 */
public record PostImage(Map<String, WrittenValue> values) {

    /**
     * Copies the values, keeping their order.
     *
     * @throws NullPointerException if {@code values} is null
     */
    public PostImage {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * What the row gets in {@code column}.
     *
     * @param column a column name, any case
     * @return the written value; empty when the statement does not write the column
     */
    public Optional<WrittenValue> value(String column) {
        return Optional.ofNullable(values.get(column.toLowerCase(Locale.ROOT)));
    }

    /**
     * Whether the statement writes the column.
     *
     * @param column a column name, any case
     * @return true if the image has a value for it
     */
    public boolean writes(String column) {
        return values.containsKey(column.toLowerCase(Locale.ROOT));
    }

    /**
     * A copy in which {@code column} has {@code value}, replacing what it had.
     *
     * @param column a column name, any case
     * @param value  the value
     * @return the new image; this one is unchanged
     */
    public PostImage with(String column, WrittenValue value) {
        Map<String, WrittenValue> copy = new LinkedHashMap<>(values);
        copy.put(column.toLowerCase(Locale.ROOT), value);
        return new PostImage(copy);
    }
}
