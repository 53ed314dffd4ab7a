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

    public PostImage {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** What the row gets in {@code column}; empty when the statement does not write it. */
    public Optional<WrittenValue> value(String column) {
        return Optional.ofNullable(values.get(column.toLowerCase(Locale.ROOT)));
    }

    /** Whether the statement writes the column. */
    public boolean writes(String column) {
        return values.containsKey(column.toLowerCase(Locale.ROOT));
    }

    /** A copy in which {@code column} has {@code value}. */
    public PostImage with(String column, WrittenValue value) {
        Map<String, WrittenValue> copy = new LinkedHashMap<>(values);
        copy.put(column.toLowerCase(Locale.ROOT), value);
        return new PostImage(copy);
    }
}
