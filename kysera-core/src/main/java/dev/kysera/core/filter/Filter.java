package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.filter.internal.LikePatterns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Filter conditions as jOOQ {@link Condition}s, with the same rules whether they are built in code
 * (the typed methods) or parsed from run-time input ({@link #parse}, {@link #parseQuery}):
 * <ul>
 *   <li>{@code null} means SQL NULL: {@code eq(f, null)} is {@code f IS NULL}, {@code ne(f, null)}
 *       is {@code f IS NOT NULL}; a {@code null} inside an {@code in} list adds {@code OR f IS NULL},
 *       inside a {@code notIn} list {@code AND f IS NOT NULL}. Ordering operators and
 *       {@code between} refuse {@code null}.</li>
 *   <li>{@code ne} and {@code notIn} with non-null values keep SQL semantics: rows whose column is
 *       NULL do not match them.</li>
 *   <li>An empty {@code in} list matches nothing ({@code FALSE}); an empty {@code notIn} list
 *       matches everything ({@code TRUE}). Neither renders an empty {@code IN ()}.</li>
 *   <li>LIKE operators bind their pattern and always declare {@code ESCAPE '!'}, so backslash is an
 *       ordinary character on every database (MariaDB, PostgreSQL and H2 would otherwise treat it
 *       as the escape). {@code contains}/{@code startsWith}/{@code endsWith} match their value
 *       literally ({@code %}, {@code _} and {@code !} are escaped). Case sensitivity of
 *       {@code like}, {@code contains}, … follows the column's collation (case-insensitive for
 *       ASCII on SQLite and under MariaDB's default {@code _ci} collations); the
 *       {@code …IgnoreCase}/{@code ilike} operators are case-insensitive everywhere.</li>
 * </ul>
 * Invalid values throw {@link BadRequestException}, since they usually come from a client.
 */
public final class Filter {

    private Filter() {
    }

    // ---------------------------------------------------------------- comparison

    /**
     * {@code field = value}, or {@code field IS NULL} when {@code value} is null.
     *
     * @param field the column to compare, not null
     * @param value the value to match; null matches rows whose column is NULL
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     */
    public static <T> Condition eq(Field<T> field, T value) {
        Objects.requireNonNull(field, "field");
        return value == null ? field.isNull() : field.eq(value);
    }

    /**
     * {@code field <> value}, or {@code field IS NOT NULL} when {@code value} is null. With a non-null
     * value, rows whose column is NULL do not match (SQL semantics).
     *
     * @param field the column to compare, not null
     * @param value the value to exclude; null matches rows whose column is not NULL
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     */
    public static <T> Condition ne(Field<T> field, T value) {
        Objects.requireNonNull(field, "field");
        return value == null ? field.isNotNull() : field.ne(value);
    }

    /**
     * {@code field > value}.
     *
     * @param field the column to compare, not null
     * @param value the exclusive lower bound, not null
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static <T> Condition gt(Field<T> field, T value) {
        return Objects.requireNonNull(field, "field").gt(notNull(field, "gt", value));
    }

    /**
     * {@code field >= value}.
     *
     * @param field the column to compare, not null
     * @param value the inclusive lower bound, not null
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static <T> Condition gte(Field<T> field, T value) {
        return Objects.requireNonNull(field, "field").ge(notNull(field, "gte", value));
    }

    /**
     * {@code field < value}.
     *
     * @param field the column to compare, not null
     * @param value the exclusive upper bound, not null
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static <T> Condition lt(Field<T> field, T value) {
        return Objects.requireNonNull(field, "field").lt(notNull(field, "lt", value));
    }

    /**
     * {@code field <= value}.
     *
     * @param field the column to compare, not null
     * @param value the inclusive upper bound, not null
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static <T> Condition lte(Field<T> field, T value) {
        return Objects.requireNonNull(field, "field").le(notNull(field, "lte", value));
    }

    /**
     * {@code low <= field AND field <= high} (SQL {@code BETWEEN}, inclusive at both ends; nothing
     * matches when {@code low > high}).
     *
     * @param field the column to compare, not null
     * @param low the inclusive lower bound, not null
     * @param high the inclusive upper bound, not null
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if a bound is null
     */
    public static <T> Condition between(Field<T> field, T low, T high) {
        Objects.requireNonNull(field, "field");
        return field.between(notNull(field, "between", low), notNull(field, "between", high));
    }

    /**
     * {@code field IS NULL}.
     *
     * @param field the column to test, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     */
    public static Condition isNull(Field<?> field) {
        return Objects.requireNonNull(field, "field").isNull();
    }

    /**
     * {@code field IS NOT NULL}.
     *
     * @param field the column to test, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     */
    public static Condition isNotNull(Field<?> field) {
        return Objects.requireNonNull(field, "field").isNotNull();
    }

    // ---------------------------------------------------------------- lists

    /**
     * {@code field IN (values)}; empty → {@code FALSE}; a null element adds {@code OR field IS NULL}.
     *
     * @param field the column to compare, not null
     * @param values the values to match; may contain null, must not be null itself
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code values} is null
     */
    public static <T> Condition in(Field<T> field, Collection<? extends T> values) {
        ListValues<T> list = ListValues.of("in", field, values);
        Condition in = list.present().isEmpty() ? DSL.falseCondition() : field.in(list.present());
        if (!list.hasNull()) {
            return in;
        }
        return list.present().isEmpty() ? field.isNull() : in.or(field.isNull());
    }

    /**
     * Varargs form of {@link #in(Field, Collection)}.
     *
     * @param field the column to compare, not null
     * @param values the values to match; may contain null, must not be null itself
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code values} is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, as a list
    public static <T> Condition in(Field<T> field, T... values) {
        return in(field, values == null ? null : Arrays.asList(values));
    }

    /**
     * {@code field NOT IN (values)}; empty → {@code TRUE}; a null element adds {@code AND field IS NOT NULL}
     * (instead of SQL's surprising "matches nothing").
     *
     * @param field the column to compare, not null
     * @param values the values to exclude; may contain null, must not be null itself
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code values} is null
     */
    public static <T> Condition notIn(Field<T> field, Collection<? extends T> values) {
        ListValues<T> list = ListValues.of("notIn", field, values);
        Condition notIn = list.present().isEmpty() ? DSL.trueCondition() : field.notIn(list.present());
        if (!list.hasNull()) {
            return notIn;
        }
        return list.present().isEmpty() ? field.isNotNull() : notIn.and(field.isNotNull());
    }

    /** The non-null values of an IN list, and whether it also held NULL. */
    private record ListValues<T>(List<T> present, boolean hasNull) {

        static <T> ListValues<T> of(String operator, Field<T> field, Collection<? extends T> values) {
            Objects.requireNonNull(field, "field");
            if (values == null) {
                throw new BadRequestException("Filter operator '" + operator + "' on column '" + field.getName()
                        + "' needs a list, not null");
            }
            List<T> present = new ArrayList<>(values.size());
            boolean hasNull = false;
            for (T value : values) {
                if (value == null) {
                    hasNull = true;
                } else {
                    present.add(value);
                }
            }
            return new ListValues<>(present, hasNull);
        }
    }

    /**
     * Varargs form of {@link #notIn(Field, Collection)}.
     *
     * @param field the column to compare, not null
     * @param values the values to exclude; may contain null, must not be null itself
     * @param <T> the column's Java type
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code values} is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, as a list
    public static <T> Condition notIn(Field<T> field, T... values) {
        return notIn(field, values == null ? null : Arrays.asList(values));
    }

    // ---------------------------------------------------------------- LIKE

    /**
     * {@code field LIKE pattern}: {@code %} and {@code _} in {@code pattern} are wildcards, every
     * other character (backslash and {@code !} included) is literal. To match a literal wildcard use
     * {@link #contains}/{@link #startsWith}/{@link #endsWith} or {@link #like(Field, String, char)}.
     *
     * @param field the column to match, not null
     * @param pattern the LIKE pattern, bound as a parameter, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code pattern} is null
     */
    public static Condition like(Field<String> field, String pattern) {
        return Objects.requireNonNull(field, "field").like(LikePatterns.raw(notNull(field, "like", pattern)), LikePatterns.ESCAPE);
    }

    /**
     * {@code field LIKE pattern ESCAPE 'escape'}: the caller's pattern with the caller's escape character.
     *
     * @param field the column to match, not null
     * @param pattern the LIKE pattern, already escaped with {@code escape}, not null
     * @param escape the escape character used in {@code pattern}
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code pattern} is null
     */
    public static Condition like(Field<String> field, String pattern, char escape) {
        return Objects.requireNonNull(field, "field").like(notNull(field, "like", pattern), escape);
    }

    /**
     * Case-insensitive {@link #like(Field, String)}: {@code ILIKE} on PostgreSQL and H2,
     * {@code lower(field) LIKE lower(pattern)} elsewhere (SQLite's {@code lower} folds ASCII only).
     *
     * @param field the column to match, not null
     * @param pattern the LIKE pattern, bound as a parameter, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code pattern} is null
     */
    public static Condition ilike(Field<String> field, String pattern) {
        return Objects.requireNonNull(field, "field")
                .likeIgnoreCase(LikePatterns.raw(notNull(field, "ilike", pattern)), LikePatterns.ESCAPE);
    }

    /**
     * Case-insensitive {@link #like(Field, String, char)}.
     *
     * @param field the column to match, not null
     * @param pattern the LIKE pattern, already escaped with {@code escape}, not null
     * @param escape the escape character used in {@code pattern}
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code pattern} is null
     */
    public static Condition ilike(Field<String> field, String pattern, char escape) {
        return Objects.requireNonNull(field, "field").likeIgnoreCase(notNull(field, "ilike", pattern), escape);
    }

    /**
     * {@code field} contains {@code value} literally; {@code ""} matches every non-null value.
     *
     * @param field the column to match, not null
     * @param value the text to find; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition contains(Field<String> field, String value) {
        return literalLike(field, "contains", "%", value, "%", false);
    }

    /**
     * {@code field} starts with {@code value} literally.
     *
     * @param field the column to match, not null
     * @param value the prefix; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition startsWith(Field<String> field, String value) {
        return literalLike(field, "startsWith", "", value, "%", false);
    }

    /**
     * {@code field} ends with {@code value} literally.
     *
     * @param field the column to match, not null
     * @param value the suffix; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition endsWith(Field<String> field, String value) {
        return literalLike(field, "endsWith", "%", value, "", false);
    }

    /**
     * Case-insensitive {@link #contains}.
     *
     * @param field the column to match, not null
     * @param value the text to find; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition containsIgnoreCase(Field<String> field, String value) {
        return literalLike(field, "containsIgnoreCase", "%", value, "%", true);
    }

    /**
     * Case-insensitive {@link #startsWith}.
     *
     * @param field the column to match, not null
     * @param value the prefix; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition startsWithIgnoreCase(Field<String> field, String value) {
        return literalLike(field, "startsWithIgnoreCase", "", value, "%", true);
    }

    /**
     * Case-insensitive {@link #endsWith}.
     *
     * @param field the column to match, not null
     * @param value the suffix; wildcards in it are matched literally, not null
     * @return the condition
     * @throws NullPointerException if {@code field} is null
     * @throws BadRequestException if {@code value} is null
     */
    public static Condition endsWithIgnoreCase(Field<String> field, String value) {
        return literalLike(field, "endsWithIgnoreCase", "%", value, "", true);
    }

    private static Condition literalLike(Field<String> field, String op, String prefix, String value, String suffix, boolean ignoreCase) {
        Objects.requireNonNull(field, "field");
        String pattern = prefix + LikePatterns.literal(notNull(field, op, value)) + suffix;
        return ignoreCase ? field.likeIgnoreCase(pattern, LikePatterns.ESCAPE) : field.like(pattern, LikePatterns.ESCAPE);
    }

    // ---------------------------------------------------------------- groups

    /**
     * All of the conditions; none → no condition (matches everything).
     *
     * @param conditions the conditions to combine
     * @return their conjunction
     */
    public static Condition and(Condition... conditions) {
        return DSL.and(conditions);
    }

    /**
     * All of the conditions; none → no condition (matches everything).
     *
     * @param conditions the conditions to combine, not null
     * @return their conjunction
     */
    public static Condition and(Collection<? extends Condition> conditions) {
        return DSL.and(conditions);
    }

    /**
     * Any of the conditions; none → {@code FALSE} (an empty disjunction matches nothing).
     *
     * @param conditions the conditions to combine, not null
     * @return their disjunction
     * @throws NullPointerException if {@code conditions} is null
     */
    public static Condition or(Condition... conditions) {
        return or(Arrays.asList(conditions));
    }

    /**
     * Any of the conditions; none → {@code FALSE} (an empty disjunction matches nothing).
     *
     * @param conditions the conditions to combine, not null
     * @return their disjunction
     * @throws NullPointerException if {@code conditions} is null
     */
    public static Condition or(Collection<? extends Condition> conditions) {
        return conditions.isEmpty() ? DSL.falseCondition() : DSL.or(conditions);
    }

    /**
     * {@code NOT condition}.
     *
     * @param condition the condition to negate, not null
     * @return the negation
     * @throws NullPointerException if {@code condition} is null
     */
    public static Condition not(Condition condition) {
        return DSL.not(Objects.requireNonNull(condition, "condition"));
    }

    // ---------------------------------------------------------------- run-time input

    /**
     * Parses an operator map with {@link FilterParser#defaults()}; see {@link FilterParser#parse} for the format.
     *
     * @param input the filter as nested maps (typically decoded JSON), column to value or operator map
     * @param columns the columns a client may filter on
     * @return the condition, the conjunction of every entry
     * @throws BadRequestException on an unknown column or operator, a wrong shape, an invalid value or a limit exceeded
     */
    public static Condition parse(Map<String, ?> input, FilterColumns columns) {
        return FilterParser.defaults().parse(input, columns);
    }

    /**
     * Parses flat query parameters ({@code age[gte]=18}) with {@link FilterParser#defaults()}; see
     * {@link FilterParser#parseQuery} for the format.
     *
     * @param parameters the request's query parameters
     * @param columns the columns a client may filter on
     * @return the condition, the conjunction of every parameter
     * @throws BadRequestException on a malformed key, an unknown column or operator, an invalid value or a limit exceeded
     */
    public static Condition parseQuery(Map<String, String> parameters, FilterColumns columns) {
        return FilterParser.defaults().parseQuery(parameters, columns);
    }

    private static <V> V notNull(Field<?> field, String op, V value) {
        if (value == null) {
            throw new BadRequestException("Filter operator '" + op + "' on column '" + field.getName() + "' needs a value, not null");
        }
        return value;
    }
}
