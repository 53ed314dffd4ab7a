package dev.kysera.rls;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Maskings for {@link Rule#mask}: what a statement reads instead of a column it may not see. */
public final class Masks {

    private Masks() {
    }

    /**
     * Hides the column entirely.
     *
     * @param <T> the column's type
     * @return a masking that reads NULL of the column's type
     */
    public static <T> UnaryOperator<Field<T>> hidden() {
        return column -> DSL.inline(null, column.getDataType());
    }

    /**
     * Replaces the column by a fixed value.
     *
     * @param <T>   the column's type
     * @param value what is read instead, such as {@code "***"}, inlined in the SQL
     * @return a masking that reads {@code value}
     * @throws NullPointerException for a null value (use {@link #hidden()})
     */
    public static <T> UnaryOperator<Field<T>> constant(T value) {
        Objects.requireNonNull(value, "value");
        return column -> DSL.inline(value, column.getDataType());
    }

    /**
     * Keeps the start of a text column, computed by the database.
     *
     * @param keep how many leading characters stay readable
     * @return a masking that reads the first {@code keep} characters followed by {@code "***"}
     * @throws IllegalArgumentException for a negative {@code keep}
     */
    public static UnaryOperator<Field<String>> prefix(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        return column -> DSL.concat(DSL.substring(column, DSL.inline(1), DSL.inline(keep)), DSL.inline("***"));
    }
}
