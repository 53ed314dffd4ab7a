package dev.kysera.repository;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Field;

/**
 * Column values to write, typed per column: {@code Values.of(USERS.EMAIL, "a@b.c").set(USERS.NAME, "A")}.
 * For updates only the columns present are written, so a {@code Values} is a partial update;
 * {@code set(column, null)} writes SQL NULL. Immutable.
 */
public final class Values {

    private static final Values EMPTY = new Values(Map.of());

    private final Map<Field<?>, Object> values;

    private Values(Map<Field<?>, Object> values) {
        this.values = values;
    }

    /** No values. */
    public static Values empty() {
        return EMPTY;
    }

    /** One column's value. */
    public static <X> Values of(Field<X> column, X value) {
        return EMPTY.set(column, value);
    }

    /** A copy with {@code column} set (replacing an earlier value of it). */
    public <X> Values set(Field<X> column, X value) {
        Objects.requireNonNull(column, "column");
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        copy.remove(findKey(column.getName()));
        copy.put(column, value);
        return new Values(Collections.unmodifiableMap(copy));
    }

    /** A copy with every value of {@code other} set too (other's values win). */
    public Values setAll(Values other) {
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        other.values.forEach((column, value) -> {
            copy.remove(findKey(column.getName()));
            copy.put(column, value);
        });
        return new Values(Collections.unmodifiableMap(copy));
    }

    /** A copy without the column. */
    public Values without(Field<?> column) {
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        copy.remove(findKey(column.getName()));
        return new Values(Collections.unmodifiableMap(copy));
    }

    /** Whether the column is set (possibly to null). */
    public boolean has(Field<?> column) {
        return findKey(column.getName()) != null;
    }

    /**
     * The column's value; empty when it is not set or set to null.
     *
     * @throws IllegalArgumentException if the value set for that column name is not of the column's type
     */
    public <X> Optional<X> get(Field<X> column) {
        Field<?> key = findKey(column.getName());
        Object value = key == null ? null : values.get(key);
        if (value != null && !column.getType().isInstance(value)) {
            throw new IllegalArgumentException("Column " + column.getName() + " holds a " + value.getClass().getSimpleName()
                    + ", not a " + column.getType().getSimpleName());
        }
        return Optional.ofNullable(column.getType().cast(value));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    /** The values as jOOQ's {@code set(Map)} wants them, in insertion order. */
    public Map<Field<?>, Object> asMap() {
        return values;
    }

    private Field<?> findKey(String name) {
        for (Field<?> key : values.keySet()) {
            if (key.getName().equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Values that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Values[");
        values.keySet().forEach(column -> text.append(text.length() > 7 ? ", " : "").append(column.getName()));
        return text.append(']').toString();
    }
}
