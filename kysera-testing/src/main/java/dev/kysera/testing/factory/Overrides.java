package dev.kysera.testing.factory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;

/**
 * Values for one {@link Factory} call that replace the factory's own, immutable. A value for a
 * relation's foreign key means the related row is not created.
 */
public final class Overrides {

    private static final Overrides NONE = new Overrides(Map.of());

    private final Map<Field<?>, Object> values;

    private Overrides(Map<Field<?>, Object> values) {
        this.values = values;
    }

    /**
     * No overrides.
     *
     * @return the empty overrides
     */
    public static Overrides none() {
        return NONE;
    }

    /**
     * {@code field} set to {@code value} ({@code null} writes NULL).
     *
     * @param field the column to override
     * @param value its value for the call
     * @param <V>   the column's type
     * @return new overrides holding one value
     * @throws NullPointerException if {@code field} is null
     */
    public static <V> Overrides of(Field<V> field, V value) {
        return NONE.and(field, value);
    }

    /**
     * These overrides and {@code field} set to {@code value}, replacing an earlier value for it.
     *
     * @param field the column to override
     * @param value its value for the call; {@code null} writes NULL
     * @param <V>   the column's type
     * @return new overrides; these are unchanged
     * @throws NullPointerException if {@code field} is null
     */
    public <V> Overrides and(Field<V> field, V value) {
        Objects.requireNonNull(field, "field");
        Map<Field<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return new Overrides(Collections.unmodifiableMap(copy));
    }

    /**
     * Whether {@code field} is overridden.
     *
     * @param field a column
     * @return {@code true} if these overrides set it, even to {@code null}
     */
    public boolean contains(Field<?> field) {
        return values.containsKey(field);
    }

    /**
     * The overridden fields and their values, in the order given.
     *
     * @return an unmodifiable map; values may be {@code null}
     */
    public Map<Field<?>, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "Overrides" + values;
    }
}
