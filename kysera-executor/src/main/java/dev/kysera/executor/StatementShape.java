package dev.kysera.executor;

import dev.kysera.executor.internal.ShapePlans;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * A statement built the same way on every call, with other values: made once (a repository makes
 * its find-by-id once per table) and run with {@link Executor#fetch(StatementShape, Object...)}.
 * Once the executor has planned the shape, a call skips jOOQ's rendering and execution: the
 * plugins still decide with this call's context, and the planned SQL runs over JDBC with this
 * call's values (see the executor's README, "Statement shapes"). Where that is not possible the
 * statement is built from the factory and run as any other jOOQ query. Immutable and thread-safe.
 *
 * <p>The factory must take every value of a call through {@link Arguments#value} (never capture
 * one), and build the same statement for every call whatever the values are.
 */
public final class StatementShape {

    private final ShapePlans plans;

    private StatementShape(Factory factory) {
        this.plans = new ShapePlans(factory);
    }

    /**
     * A shape built by {@code factory}.
     *
     * @param factory builds the statement of one call over a context, its values as bind values
     * @return the shape
     * @throws NullPointerException if {@code factory} is null
     */
    public static StatementShape of(Factory factory) {
        return new StatementShape(Objects.requireNonNull(factory, "factory"));
    }

    ShapePlans plans() {
        return plans;
    }

    /** Builds a shape's statement: a SELECT, or an INSERT with RETURNING. */
    @FunctionalInterface
    public interface Factory {

        /**
         * The statement of one call.
         *
         * @param dsl       the context to build it with
         * @param arguments this call's values, as bind values
         * @return the statement, not yet executed
         */
        ResultQuery<? extends Record> build(DSLContext dsl, Arguments arguments);
    }

    /** The values of one call, as bind values of the statement being built. */
    @FunctionalInterface
    public interface Arguments {

        /**
         * The value at {@code index} of the call, bound as {@code like}'s type.
         *
         * @param index the position of the value among the call's values
         * @param like  the column (or field) whose type binds the value
         * @param <T>   the value's type
         * @return a bind value
         * @throws IndexOutOfBoundsException if the call has no value at {@code index}
         */
        <T> Field<T> value(int index, Field<T> like);
    }
}
