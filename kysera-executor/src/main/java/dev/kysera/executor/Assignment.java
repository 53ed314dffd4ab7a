package dev.kysera.executor;

import java.util.Objects;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A value a plugin sets on INSERT or UPDATE (e.g. {@code updated_at = now}).
 *
 * @param column    unqualified column name
 * @param value     the expression to assign (a bind value from {@link #of(String, Object)}, or any field)
 * @param overwrite whether to replace a value the statement already assigns to that column;
 *                  when false the caller's explicit value wins
 */
public record Assignment(String column, Field<?> value, boolean overwrite) {

    public Assignment {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
    }

    /** Sets {@code column} to a bind value unless the statement already assigns it. */
    public static Assignment of(String column, Object value) {
        return new Assignment(column, DSL.val(value), false);
    }

    /** Sets {@code column} to an expression unless the statement already assigns it. */
    public static Assignment of(String column, Field<?> value) {
        return new Assignment(column, value, false);
    }

    /** Sets {@code column}, replacing whatever the statement assigns to it. */
    public static Assignment forced(String column, Object value) {
        return new Assignment(column, value instanceof Field<?> f ? f : DSL.val(value), true);
    }
}
