package dev.kysera.rls;

import dev.kysera.rls.internal.Names;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * One rule of a {@link TablePolicy}. For each operation the rows a statement may touch are
 * <pre>  (every filter) AND (any allow, or FALSE when there is none and the table denies by default)
 *   AND NOT (any deny)</pre>
 * so a deny beats every allow whatever the priorities; priorities only order evaluation. Rules
 * about existing rows (read, update, delete) are enforced in SQL inside the statement. Rules about
 * creating rows are decided before the insert: allow/deny for {@link RlsOperation#CREATE} must be
 * decidable from the context alone ({@code trueCondition()} / {@code falseCondition()}, see
 * {@link #allowIf}), and row values are checked by {@link Validate}. Every rule can be skipped for
 * roles ({@link #skipFor(String...)}) and made conditional ({@link #activeWhen(Activation)}).
 */
public sealed interface Rule permits Rule.Filter, Rule.Allow, Rule.Deny, Rule.Validate, Rule.Stamp, Rule.Mask, Rule.Protect {

    /**
     * What every kind of rule has.
     *
     * @return the rule's name, priority, role skips and activation
     */
    Meta meta();

    /**
     * The basis of {@link #named}, {@link #priority}, {@link #skipFor} and {@link #activeWhen}.
     *
     * @param meta the new name, priority, role skips and activation
     * @return a copy of this rule with {@code meta}
     * @throws NullPointerException for a null {@code meta}
     */
    Rule withMeta(Meta meta);

    /**
     * Identifies the rule in refusals, decisions and native policies.
     *
     * @return the rule's name; {@code null} until its policy names it
     */
    default String name() {
        return meta().name();
    }

    /**
     * Names the rule; without a name its policy names it {@code <table>_<kind>_<n>}.
     *
     * @param name the name, unique within the table's policy
     * @return a copy with this name
     */
    default Rule named(String name) {
        Meta m = meta();
        return withMeta(new Meta(name, m.priority(), m.skipFor(), m.activation()));
    }

    /**
     * Orders evaluation; a deny wins whatever the priority.
     *
     * @param priority higher is evaluated first (default 0)
     * @return a copy with this priority
     */
    default Rule priority(int priority) {
        Meta m = meta();
        return withMeta(new Meta(m.name(), priority, m.skipFor(), m.activation()));
    }

    /**
     * Exempts roles from the rule.
     *
     * @param roles the roles; replaces earlier ones
     * @return a copy that is inactive for a context holding any of these roles
     * @throws IllegalArgumentException for a role given twice
     * @throws NullPointerException     for a null role
     */
    default Rule skipFor(String... roles) {
        Meta m = meta();
        return withMeta(new Meta(m.name(), m.priority(), Set.of(roles), m.activation()));
    }

    /**
     * Makes the rule conditional (environment, feature flag, time window).
     *
     * @param activation decides at each planning whether the rule is active
     * @return a copy that is only active when {@code activation} says so
     * @throws NullPointerException for a null {@code activation}
     */
    default Rule activeWhen(Activation activation) {
        Meta m = meta();
        return withMeta(new Meta(m.name(), m.priority(), m.skipFor(), activation));
    }

    /**
     * Restricts the visibility of existing rows: rows outside it cannot be read, updated or deleted,
     * whatever the allows say.
     *
     * @param condition the visible rows
     * @return a filter rule
     * @throws NullPointerException for a null condition
     */
    static Rule filter(RowCondition condition) {
        return new Filter(Meta.DEFAULT, condition);
    }

    /**
     * Permits operations for rows satisfying a condition; allows are OR-combined.
     *
     * @param operations the operations permitted
     * @param condition  the rows they are permitted on
     * @return an allow rule
     * @throws IllegalArgumentException without operations
     * @throws NullPointerException     for a null argument
     */
    static Rule allow(Set<RlsOperation> operations, RowCondition condition) {
        return new Allow(Meta.DEFAULT, operations, condition);
    }

    /**
     * {@link #allow(Set, RowCondition)} for one operation.
     *
     * @param operation the operation permitted
     * @param condition the rows it is permitted on
     * @return an allow rule
     * @throws NullPointerException for a null argument
     */
    static Rule allow(RlsOperation operation, RowCondition condition) {
        return allow(EnumSet.of(operation), condition);
    }

    /**
     * Permits operations whatever the row, decided from the context alone; the form a
     * {@link RlsOperation#CREATE} allow must take.
     *
     * @param operations the operations permitted
     * @param when       decides from the context; an exception it throws denies
     * @return an allow rule whose condition is TRUE or FALSE
     * @throws IllegalArgumentException without operations
     * @throws NullPointerException     for a null argument
     */
    static Rule allowIf(Set<RlsOperation> operations, Predicate<RlsContext> when) {
        return allow(operations, decidedBy(when));
    }

    /**
     * Forbids operations for rows satisfying a condition, whatever the allows say.
     *
     * @param operations the operations forbidden
     * @param condition  the rows they are forbidden on
     * @return a deny rule
     * @throws IllegalArgumentException without operations
     * @throws NullPointerException     for a null argument
     */
    static Rule deny(Set<RlsOperation> operations, RowCondition condition) {
        return new Deny(Meta.DEFAULT, operations, condition);
    }

    /**
     * {@link #deny(Set, RowCondition)} for one operation.
     *
     * @param operation the operation forbidden
     * @param condition the rows it is forbidden on
     * @return a deny rule
     * @throws NullPointerException for a null argument
     */
    static Rule deny(RlsOperation operation, RowCondition condition) {
        return deny(EnumSet.of(operation), condition);
    }

    /**
     * Forbids operations whatever the row, decided from the context alone.
     *
     * @param operations the operations forbidden
     * @param when       decides from the context; an exception it throws denies
     * @return a deny rule whose condition is TRUE or FALSE
     * @throws IllegalArgumentException without operations
     * @throws NullPointerException     for a null argument
     */
    static Rule denyIf(Set<RlsOperation> operations, Predicate<RlsContext> when) {
        return deny(operations, decidedBy(when));
    }

    /**
     * Checks the value a create or update writes to a column: a constant in Java with {@code
     * accepts}; an expression the database computes with {@code inSql} (the write then only
     * happens where the condition holds); anything else is refused. A create that leaves the
     * column unwritten is refused; an update that does not write it keeps the visible row's value.
     *
     * @param <T>        the column's type
     * @param operations {@link RlsOperation#CREATE} and/or {@link RlsOperation#UPDATE}
     * @param column     the column checked
     * @param type       its type, to which constants are converted before {@code accepts} sees them
     * @param accepts    the check of a constant, in Java
     * @param inSql      the condition on a computed value, or {@code null} to refuse computed values
     * @return a validate rule
     * @throws IllegalArgumentException without operations, with another operation, or for an invalid column name
     * @throws NullPointerException     for a null argument other than {@code inSql}
     */
    static <T> Rule validate(Set<RlsOperation> operations, String column, DataType<T> type, BiPredicate<RlsContext, T> accepts,
                             SqlCheck<T> inSql) {
        return new Validate<>(Meta.DEFAULT, operations, column, type, accepts, inSql);
    }

    /**
     * Writes a value from the context to a column of every created row, unless the statement writes it.
     *
     * @param <T>    the column's type
     * @param column the column written
     * @param type   its type, to which the value is converted
     * @param value  the value, from the context (reading an absent context value refuses the insert)
     * @return a stamp rule
     * @throws IllegalArgumentException for an invalid column name
     * @throws NullPointerException     for a null argument
     */
    static <T> Rule stamp(String column, DataType<T> type, Function<RlsContext, ?> value) {
        return new Stamp<>(Meta.DEFAULT, column, type, value);
    }

    /**
     * Field-level security on reads: on rows where {@code readable} does not hold (also where it
     * is NULL, and for every row when there is no context) a statement reads {@code masking}
     * applied to the column instead of its value — in SQL, wherever the statement refers to the
     * column ({@code *}, WHERE, ORDER BY, subqueries). See {@link Masks} for maskings.
     *
     * @param <T>      the column's type
     * @param column   the masked column (e.g. a generated field)
     * @param readable the rows on which the column reads as stored
     * @param masking  what is read instead, built from the stored column
     * @return a mask rule
     * @throws NullPointerException for a null argument
     */
    static <T> Rule mask(Field<T> column, RowCondition readable, UnaryOperator<Field<T>> masking) {
        return mask(column.getName(), column.getDataType(), readable, masking);
    }

    /**
     * {@link #mask(Field, RowCondition, UnaryOperator)} for a column by name and type.
     *
     * @param <T>      the column's type
     * @param column   the masked column's name
     * @param type     its type
     * @param readable the rows on which the column reads as stored
     * @param masking  what is read instead, built from the stored column
     * @return a mask rule
     * @throws IllegalArgumentException for an invalid column name
     * @throws NullPointerException     for a null argument
     */
    static <T> Rule mask(String column, DataType<T> type, RowCondition readable, UnaryOperator<Field<T>> masking) {
        return new Mask<>(Meta.DEFAULT, column, type, readable, masking);
    }

    /**
     * Field-level security on writes: a create or update that writes the column is refused unless
     * the context may write it ({@link RlsAccessDeniedException} naming the columns).
     *
     * @param column     the protected column
     * @param operations {@link RlsOperation#CREATE} and/or {@link RlsOperation#UPDATE}
     * @param mayWrite   whether the context may write the column; an exception it throws refuses
     * @return a protect rule
     * @throws IllegalArgumentException without operations, with another operation, or for an invalid column name
     * @throws NullPointerException     for a null argument
     */
    static Rule protect(String column, Set<RlsOperation> operations, Predicate<RlsContext> mayWrite) {
        return new Protect(Meta.DEFAULT, column, operations, mayWrite);
    }

    private static RowCondition decidedBy(Predicate<RlsContext> when) {
        Objects.requireNonNull(when, "when");
        return scope -> when.test(scope.context()) ? DSL.trueCondition() : DSL.falseCondition();
    }

    /**
     * What every rule has.
     *
     * @param name     used in refusals; {@code null} lets the policy name it {@code <table>_<kind>_<n>}
     * @param priority evaluation order, higher first
     * @param skipFor    roles for which the rule is inactive
     * @param activation when the rule is active at all
     */
    record Meta(String name, int priority, Set<String> skipFor, Activation activation) {
        static final Meta DEFAULT = new Meta(null, 0, Set.of(), Activation.always());

        /**
         * Copies the role skips.
         *
         * @throws NullPointerException for a null role set, role or activation
         */
        public Meta {
            skipFor = Set.copyOf(skipFor);
            Objects.requireNonNull(activation, "activation");
        }
    }

    /**
     * The SQL form of a {@link Validate} check, over the expression the statement writes (or, in
     * native policies, the row's column). Read context values with {@link PolicyScope#tenant},
     * {@link PolicyScope#user} or {@link PolicyScope#context()}.
     *
     * @param <T> the column's type
     */
    @FunctionalInterface
    interface SqlCheck<T> {
        /**
         * Builds the check of one written expression.
         *
         * @param scope   the target occurrence and the current context
         * @param written the expression the statement writes to the column
         * @return the condition the written expression must satisfy
         */
        Condition condition(PolicyScope scope, Field<T> written);
    }

    /**
     * Visibility of existing rows ({@link Rule#filter}).
     *
     * @param meta      name, priority, skips, activation
     * @param condition the rows that are visible
     */
    record Filter(Meta meta, RowCondition condition) implements Rule {
        /**
         * Checks the components.
         *
         * @throws NullPointerException for a null component
         */
        public Filter {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Filter(meta, condition);
        }
    }

    /**
     * Permits operations for rows satisfying a condition ({@link Rule#allow(Set, RowCondition)}).
     *
     * @param meta       name, priority, skips, activation
     * @param operations the operations permitted
     * @param condition  the rows they are permitted on
     */
    record Allow(Meta meta, Set<RlsOperation> operations, RowCondition condition) implements Rule {
        /**
         * Checks and copies the components.
         *
         * @throws IllegalArgumentException without operations
         * @throws NullPointerException     for a null component
         */
        public Allow {
            Objects.requireNonNull(meta, "meta");
            operations = checkedOperations(operations, RlsOperation.all(), "allow");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Allow(meta, operations, condition);
        }
    }

    /**
     * Forbids operations for rows satisfying a condition ({@link Rule#deny(Set, RowCondition)}).
     *
     * @param meta       name, priority, skips, activation
     * @param operations the operations forbidden
     * @param condition  the rows they are forbidden on
     */
    record Deny(Meta meta, Set<RlsOperation> operations, RowCondition condition) implements Rule {
        /**
         * Checks and copies the components.
         *
         * @throws IllegalArgumentException without operations
         * @throws NullPointerException     for a null component
         */
        public Deny {
            Objects.requireNonNull(meta, "meta");
            operations = checkedOperations(operations, RlsOperation.all(), "deny");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Deny(meta, operations, condition);
        }
    }

    /**
     * Checks a written value ({@link Rule#validate}).
     *
     * @param meta       name, priority, skips, activation
     * @param operations create and/or update
     * @param column     the column checked, lower-cased
     * @param type       its type, to which constants are converted
     * @param accepts    the check of a constant, in Java
     * @param inSql      the check of an expression, in SQL; {@code null} refuses expressions
     * @param <T>        the column's type
     */
    record Validate<T>(Meta meta, Set<RlsOperation> operations, String column, DataType<T> type, BiPredicate<RlsContext, T> accepts,
                       SqlCheck<T> inSql) implements Rule {
        /**
         * Checks the components and lower-cases the column.
         *
         * @throws IllegalArgumentException without operations, with an operation other than create or update, or
         *                                  for an invalid column name
         * @throws NullPointerException     for a null component other than {@code inSql}
         */
        public Validate {
            Objects.requireNonNull(meta, "meta");
            operations = checkedOperations(operations, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE), "validate");
            column = Names.identifier("validated column", column);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(accepts, "accepts");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Validate<>(meta, operations, column, type, accepts, inSql);
        }
    }

    /**
     * A value written into created rows ({@link Rule#stamp}).
     *
     * @param meta   name, priority, skips, activation
     * @param column the column written, lower-cased
     * @param type   its type
     * @param value  the value, from the context
     * @param <T>    the column's type
     */
    record Stamp<T>(Meta meta, String column, DataType<T> type, Function<RlsContext, ?> value) implements Rule {
        /**
         * Checks the components and lower-cases the column.
         *
         * @throws IllegalArgumentException for an invalid column name
         * @throws NullPointerException     for a null component
         */
        public Stamp {
            Objects.requireNonNull(meta, "meta");
            column = Names.identifier("stamped column", column);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Stamp<>(meta, column, type, value);
        }
    }

    /**
     * Masks a column on read ({@link Rule#mask(Field, RowCondition, UnaryOperator)}).
     *
     * @param meta     name, priority, skips, activation
     * @param column   the masked column, lower-cased
     * @param type     its type
     * @param readable the rows on which it reads as stored
     * @param masking  what is read instead, from the stored column
     * @param <T>      the column's type
     */
    record Mask<T>(Meta meta, String column, DataType<T> type, RowCondition readable, UnaryOperator<Field<T>> masking) implements Rule {
        /**
         * Checks the components and lower-cases the column.
         *
         * @throws IllegalArgumentException for an invalid column name
         * @throws NullPointerException     for a null component
         */
        public Mask {
            Objects.requireNonNull(meta, "meta");
            column = Names.identifier("masked column", column);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(readable, "readable");
            Objects.requireNonNull(masking, "masking");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Mask<>(meta, column, type, readable, masking);
        }
    }

    /**
     * Refuses writes of a column ({@link Rule#protect}).
     *
     * @param meta       name, priority, skips, activation
     * @param column     the protected column, lower-cased
     * @param operations create and/or update
     * @param mayWrite   whether the context may write it
     */
    record Protect(Meta meta, String column, Set<RlsOperation> operations, Predicate<RlsContext> mayWrite) implements Rule {
        /**
         * Checks the components and lower-cases the column.
         *
         * @throws IllegalArgumentException without operations, with an operation other than create or update, or
         *                                  for an invalid column name
         * @throws NullPointerException     for a null component
         */
        public Protect {
            Objects.requireNonNull(meta, "meta");
            column = Names.identifier("protected column", column);
            operations = checkedOperations(operations, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE), "protect");
            Objects.requireNonNull(mayWrite, "mayWrite");
        }

        @Override
        public Rule withMeta(Meta meta) {
            return new Protect(meta, column, operations, mayWrite);
        }
    }

    private static Set<RlsOperation> checkedOperations(Set<RlsOperation> operations, Set<RlsOperation> permitted, String kind) {
        Objects.requireNonNull(operations, "operations");
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("A " + kind + " rule needs at least one operation");
        }
        for (RlsOperation operation : operations) {
            if (!permitted.contains(operation)) {
                throw new IllegalArgumentException("A " + kind + " rule cannot apply to " + operation + "; it applies to " + permitted);
            }
        }
        return Set.copyOf(operations);
    }
}
