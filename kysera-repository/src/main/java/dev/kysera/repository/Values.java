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

    /**
     * No values.
     *
     * @return the empty values
     */
    public static Values empty() {
        return EMPTY;
    }

    /**
     * One column's value.
     *
     * @param column the column
     * @param value  its value; {@code null} writes SQL NULL
     * @param <X>    the column's type
     * @return new values holding one column
     * @throws NullPointerException if {@code column} is null
     */
    public static <X> Values of(Field<X> column, X value) {
        return EMPTY.set(column, value);
    }

    /**
     * A copy with {@code column} set (replacing an earlier value of it).
     *
     * @param column the column; columns are identified by name, case-insensitively
     * @param value  its value; {@code null} writes SQL NULL
     * @param <X>    the column's type
     * @return new values; these are unchanged
     * @throws NullPointerException if {@code column} is null
     */
    public <X> Values set(Field<X> column, X value) {
        Objects.requireNonNull(column, "column");
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        copy.remove(findKey(column.getName()));
        copy.put(column, value);
        return new Values(Collections.unmodifiableMap(copy));
    }

    /**
     * A copy with every value of {@code other} set too (other's values win).
     *
     * @param other the values to add
     * @return new values; these are unchanged
     * @throws NullPointerException if {@code other} is null
     */
    public Values setAll(Values other) {
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        other.values.forEach((column, value) -> {
            copy.remove(findKey(column.getName()));
            copy.put(column, value);
        });
        return new Values(Collections.unmodifiableMap(copy));
    }

    /**
     * A copy without the column.
     *
     * @param column the column to remove; absent columns are ignored
     * @return new values; these are unchanged
     * @throws NullPointerException if {@code column} is null
     */
    public Values without(Field<?> column) {
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        copy.remove(findKey(column.getName()));
        return new Values(Collections.unmodifiableMap(copy));
    }

    /**
     * Whether the column is set (possibly to null).
     *
     * @param column the column, matched by name case-insensitively
     * @return {@code true} if it is set, even to {@code null}
     * @throws NullPointerException if {@code column} is null
     */
    public boolean has(Field<?> column) {
        return findKey(column.getName()) != null;
    }

    /**
     * The column's value; empty when it is not set or set to null.
     *
     * @param column the column, matched by name case-insensitively
     * @param <X>    the column's type
     * @return the value, or empty
     * @throws IllegalArgumentException if the value set for that column name is not of the column's type
     * @throws NullPointerException if {@code column} is null
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

    /**
     * Whether no column is set: an update with empty values writes nothing.
     *
     * @return {@code true} if no column is set
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * How many columns are set.
     *
     * @return the number of columns
     */
    public int size() {
        return values.size();
    }

    /**
     * The values as jOOQ's {@code set(Map)} wants them, in insertion order.
     *
     * @return an unmodifiable map; values may be {@code null}
     */
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
