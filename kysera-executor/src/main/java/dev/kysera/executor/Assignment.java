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

    /**
     * Validates the assignment.
     *
     * @throws NullPointerException if {@code column} or {@code value} is null
     */
    public Assignment {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Sets {@code column} to a bind value unless the statement already assigns it.
     *
     * @param column unqualified column name
     * @param value  the value, bound with {@link DSL#val(Object)} ({@code null} binds SQL NULL)
     * @return an assignment the caller's own value overrides
     * @throws NullPointerException if {@code column} is null
     */
    public static Assignment of(String column, Object value) {
        return new Assignment(column, DSL.val(value), false);
    }

    /**
     * Sets {@code column} to an expression unless the statement already assigns it.
     *
     * @param column unqualified column name
     * @param value  the expression, e.g. {@code DSL.currentTimestamp()}
     * @return an assignment the caller's own value overrides
     * @throws NullPointerException if either is null
     */
    public static Assignment of(String column, Field<?> value) {
        return new Assignment(column, value, false);
    }

    /**
     * Sets {@code column}, replacing whatever the statement assigns to it.
     *
     * @param column unqualified column name
     * @param value  a {@link Field} used as is, or any other value (including {@code null}) bound as a value
     * @return an assignment that wins over the caller's value
     * @throws NullPointerException if {@code column} is null
     */
    public static Assignment forced(String column, Object value) {
        return new Assignment(column, value instanceof Field<?> f ? f : DSL.val(value), true);
    }
}
