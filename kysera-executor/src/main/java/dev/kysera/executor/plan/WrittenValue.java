package dev.kysera.executor.plan;

import java.util.Objects;
import org.jooq.Field;
import org.jooq.Param;

/** What is known, before a statement runs, of the value it writes to one column. */
public sealed interface WrittenValue {

    /**
     * A constant: a bind value or inline literal.
     *
     * @param value the value; {@code null} for SQL NULL
     */
    record Constant(Object value) implements WrittenValue {
    }

    /**
     * A value bound only when the statement runs ({@code batch(query).bind(…)}): rules are not
     * asked at planning about an image holding one, but at execution, once per batch row, with
     * that row's {@link Constant}s.
     *
     * @param placeholder the parameter in the statement that receives it
     */
    record BoundAtExecution(Param<?> placeholder) implements WrittenValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code placeholder} is null
         */
        public BoundAtExecution {
            Objects.requireNonNull(placeholder, "placeholder");
        }
    }

    /**
     * An expression the database computes: a column reference, a function call, a scalar
     * subquery, a column of the SELECT an INSERT takes its rows from.
     *
     * @param expression the expression, usable in a condition of the same statement
     */
    record Computed(Field<?> expression) implements WrittenValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code expression} is null
         */
        public Computed {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * A value the executor cannot express per column, e.g. one part of a row-valued
     * {@code SET (a, b) = (SELECT …)}.
     *
     * @param reason why
     */
    record Opaque(String reason) implements WrittenValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code reason} is null
         */
        public Opaque {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
