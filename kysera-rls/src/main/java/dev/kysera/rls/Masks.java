package dev.kysera.rls;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Maskings for {@link Rule#mask}: what a statement reads instead of a column it may not see. */
public final class Masks {

    private Masks() {
    }

    /** NULL: the column is hidden. */
    public static <T> UnaryOperator<Field<T>> hidden() {
        return column -> DSL.inline(null, column.getDataType());
    }

    /** A constant, such as {@code "***"}. */
    public static <T> UnaryOperator<Field<T>> constant(T value) {
        Objects.requireNonNull(value, "value");
        return column -> DSL.inline(value, column.getDataType());
    }

    /** The first {@code keep} characters followed by {@code "***"}, computed by the database. */
    public static UnaryOperator<Field<String>> prefix(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        return column -> DSL.concat(DSL.substring(column, DSL.inline(1), DSL.inline(keep)), DSL.inline("***"));
    }
}
