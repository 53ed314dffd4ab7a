package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.filter.internal.Inputs;
import dev.kysera.core.filter.internal.FilterValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Turns filter input that arrives at run time (JSON bodies, HTTP query parameters) into a jOOQ
 * {@link Condition}, using only the columns of a {@link FilterColumns} whitelist. Input strings are
 * never rendered as SQL: column names select a whitelisted field, operator names select a
 * {@link Filter} method, and values are converted to the column's Java type and bound.
 *
 * <h2>Map form ({@link #parse})</h2>
 * <pre>{@code
 * {"name": "x",                         // plain value = eq; null = IS NULL
 *  "version": {"gte": 2, "lt": 10},     // several operators on one column = AND
 *  "status": {"in": ["active", "closed"]},
 *  "or": [{"tenant_id": null}, {"tenant_id": {"gt": 10}}],
 *  "not": {"email": {"endsWith": "@test.com"}}}
 * }</pre>
 * Top-level keys are combined with AND. Logical keys: {@code and} and {@code or} take a non-empty
 * list of clauses, {@code not} one non-empty clause. Operators (case-insensitive, an optional
 * leading {@code $} is accepted on operators and logical keys for Mongo-style clients):
 * {@code eq, ne, gt, gte, lt, lte, in, notIn} (alias {@code nin}), {@code between} (a list of
 * exactly two values, inclusive), {@code like, ilike} (raw patterns, see {@link Filter#like}),
 * {@code contains, startsWith, endsWith} and their {@code IgnoreCase} variants (literal match),
 * {@code isNull, isNotNull} ({@code true} or {@code false}). Values are converted strictly to the
 * column's Java type: {@code "18"} becomes an Integer, {@code "18.5"} or {@code "abc"} is refused.
 * Column names are matched exactly.
 *
 * <h2>Query-parameter form ({@link #parseQuery})</h2>
 * {@code name=x&version[gte]=2&status[in]=active,closed&tenant_id[isNull]=true}: one value per key,
 * all terms combined with AND (no {@code or}/{@code not}; use the map form for those). Values of
 * {@code in}, {@code notIn} and {@code between} are split on commas (so their elements cannot
 * contain a comma; an empty value is an empty list); {@code isNull=} with an empty value means true.
 * Parameters listed in {@link #withIgnoredParameters} (e.g. {@code sort}, {@code page}) are skipped.
 *
 * <h2>Limits</h2>
 * Nesting depth (default {@value #DEFAULT_MAX_DEPTH}), number of operator terms (default
 * {@value #DEFAULT_MAX_TERMS}) and values per list (default {@value #DEFAULT_MAX_LIST_SIZE}).
 *
 * <p>Every problem is a {@link BadRequestException} whose message names the column and/or operator
 * and quotes offending input shortened to 64 characters. Instances are immutable and thread-safe.
 */
public final class FilterParser {

    /** Default maximum nesting of {@code and}/{@code or}/{@code not} groups. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** Default maximum number of operator terms in one filter. */
    public static final int DEFAULT_MAX_TERMS = 100;
    /** Default maximum number of values in one {@code in}/{@code notIn} list. */
    public static final int DEFAULT_MAX_LIST_SIZE = 1000;

    private static final FilterParser DEFAULTS =
            new FilterParser(DEFAULT_MAX_DEPTH, DEFAULT_MAX_TERMS, DEFAULT_MAX_LIST_SIZE, Set.of());
    private static final Pattern QUERY_KEY = Pattern.compile("([^\\[\\]]+)(?:\\[([^\\[\\]]+)])?");

    private final int maxDepth;
    private final int maxTerms;
    private final int maxListSize;
    private final Set<String> ignoredParameters;

    private FilterParser(int maxDepth, int maxTerms, int maxListSize, Set<String> ignoredParameters) {
        this.maxDepth = maxDepth;
        this.maxTerms = maxTerms;
        this.maxListSize = maxListSize;
        this.ignoredParameters = ignoredParameters;
    }

    /**
     * A parser with the default limits and no ignored parameters.
     *
     * @return the shared default parser
     */
    public static FilterParser defaults() {
        return DEFAULTS;
    }

    /**
     * A copy allowing {@code maxDepth} levels of nesting.
     *
     * @param maxDepth the deepest nesting of logical groups allowed, at least 1
     * @return the new parser; this one is unchanged
     * @throws IllegalArgumentException if below 1
     */
    public FilterParser withMaxDepth(int maxDepth) {
        return new FilterParser(positive(maxDepth, "maxDepth"), maxTerms, maxListSize, ignoredParameters);
    }

    /**
     * A copy allowing {@code maxTerms} operator terms per filter.
     *
     * @param maxTerms the most operator terms one filter may hold, at least 1
     * @return the new parser; this one is unchanged
     * @throws IllegalArgumentException if below 1
     */
    public FilterParser withMaxTerms(int maxTerms) {
        return new FilterParser(maxDepth, positive(maxTerms, "maxTerms"), maxListSize, ignoredParameters);
    }

    /**
     * A copy allowing {@code maxListSize} values per {@code in}/{@code notIn} list.
     *
     * @param maxListSize the most values one list may hold, at least 1
     * @return the new parser; this one is unchanged
     * @throws IllegalArgumentException if below 1
     */
    public FilterParser withMaxListSize(int maxListSize) {
        return new FilterParser(maxDepth, maxTerms, positive(maxListSize, "maxListSize"), ignoredParameters);
    }

    /**
     * A copy whose {@link #parseQuery} skips these parameter names (e.g. {@code sort}, {@code page}, {@code limit}).
     * They replace the names this parser ignored before.
     *
     * @param names the parameter names to skip, not null, without null elements or duplicates
     * @return the new parser; this one is unchanged
     * @throws NullPointerException if {@code names} or one of them is null
     * @throws IllegalArgumentException if a name is given twice
     */
    public FilterParser withIgnoredParameters(String... names) {
        return new FilterParser(maxDepth, maxTerms, maxListSize, Set.of(names));
    }

    /**
     * The nesting limit.
     *
     * @return the deepest nesting of logical groups allowed
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The operator-term limit.
     *
     * @return the most operator terms one filter may hold
     */
    public int maxTerms() {
        return maxTerms;
    }

    /**
     * The per-list value limit.
     *
     * @return the most values one {@code in}/{@code notIn} list may hold
     */
    public int maxListSize() {
        return maxListSize;
    }

    /**
     * Parses the map form (see the class documentation). An empty or null map is
     * {@link DSL#noCondition()} (matches everything).
     *
     * @param input the filter as nested maps and lists (typically decoded JSON); may be null
     * @param columns the columns the filter may name, not null
     * @return the condition
     * @throws NullPointerException if {@code columns} is null
     * @throws BadRequestException on an unknown column or operator, a wrong shape, an invalid value or a limit exceeded
     */
    public Condition parse(Map<String, ?> input, FilterColumns columns) {
        Objects.requireNonNull(columns, "columns");
        if (input == null || input.isEmpty()) {
            return DSL.noCondition();
        }
        return new Run(columns).clause(input, 1, "filter");
    }

    /**
     * Parses the query-parameter form (see the class documentation). An empty or null map is
     * {@link DSL#noCondition()}.
     *
     * @param parameters the request's query parameters, name to value; may be null
     * @param columns the columns the parameters may name, not null
     * @return the condition
     * @throws NullPointerException if {@code columns} is null
     * @throws BadRequestException on a malformed key, an unknown column or operator, a repeated
     *         operator, an invalid value or a limit exceeded
     */
    public Condition parseQuery(Map<String, String> parameters, FilterColumns columns) {
        Objects.requireNonNull(columns, "columns");
        if (parameters == null || parameters.isEmpty()) {
            return DSL.noCondition();
        }
        Map<String, Object> clause = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (key == null || ignoredParameters.contains(key)) {
                continue;
            }
            Matcher m = QUERY_KEY.matcher(key);
            if (!m.matches()) {
                throw new BadRequestException("Malformed filter parameter " + Inputs.quote(key)
                        + "; expected column or column[operator]");
            }
            String column = m.group(1);
            if (Op.LOGICAL.contains(stripDollar(column).toLowerCase(Locale.ROOT))) {
                throw new BadRequestException("Filter parameter " + Inputs.quote(key)
                        + ": and/or/not groups are not supported in query parameters");
            }
            Op op = m.group(2) == null ? Op.EQ : Op.lookup(m.group(2), column);
            String raw = parameter.getValue() == null ? "" : parameter.getValue();
            Object value = switch (op) {
                case IN, NOT_IN, BETWEEN -> raw.isEmpty() ? List.of() : Arrays.asList(raw.split(",", -1));
                case IS_NULL, IS_NOT_NULL -> raw.isEmpty() ? "true" : raw;
                default -> raw;
            };
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) clause.computeIfAbsent(column, c -> new LinkedHashMap<String, Object>());
            if (ops.putIfAbsent(op.key, value) != null) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column " + Inputs.quote(column)
                        + " is given more than once");
            }
        }
        return parse(clause, columns);
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static String stripDollar(String key) {
        return key.startsWith("$") ? key.substring(1) : key;
    }

    /** The operators; {@code key} is the canonical name used in messages. */
    private enum Op {
        EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"),
        IN("in"), NOT_IN("notIn"), BETWEEN("between"),
        LIKE("like"), ILIKE("ilike"),
        CONTAINS("contains"), STARTS_WITH("startsWith"), ENDS_WITH("endsWith"),
        CONTAINS_IC("containsIgnoreCase"), STARTS_WITH_IC("startsWithIgnoreCase"), ENDS_WITH_IC("endsWithIgnoreCase"),
        IS_NULL("isNull"), IS_NOT_NULL("isNotNull");

        static final Set<String> LOGICAL = Set.of("and", "or", "not");
        private static final Map<String, Op> BY_NAME = new LinkedHashMap<>();
        private static final String ALLOWED = Arrays.stream(values()).map(o -> o.key).collect(Collectors.joining(", "));

        static {
            for (Op op : values()) {
                BY_NAME.put(op.key.toLowerCase(Locale.ROOT), op);
            }
            BY_NAME.put("nin", NOT_IN);
        }

        final String key;

        Op(String key) {
            this.key = key;
        }

        static Op lookup(String name, String column) {
            Op op = BY_NAME.get(stripDollar(name).toLowerCase(Locale.ROOT));
            if (op == null) {
                throw new BadRequestException("Unknown filter operator " + Inputs.quote(name) + " on column "
                        + Inputs.quote(column) + "; allowed: " + ALLOWED);
            }
            return op;
        }

        boolean needsText() {
            return switch (this) {
                case LIKE, ILIKE, CONTAINS, STARTS_WITH, ENDS_WITH, CONTAINS_IC, STARTS_WITH_IC, ENDS_WITH_IC -> true;
                default -> false;
            };
        }
    }

    /** One parse: the whitelist and the running term count. */
    private final class Run {

        private final FilterColumns columns;
        private int terms;

        Run(FilterColumns columns) {
            this.columns = columns;
        }

        Condition clause(Map<?, ?> clause, int depth, String where) {
            if (depth > maxDepth) {
                throw new BadRequestException("Filter is nested deeper than " + maxDepth + " levels");
            }
            if (clause.isEmpty()) {
                throw new BadRequestException("Empty condition object in " + where);
            }
            List<Condition> conditions = new ArrayList<>(clause.size());
            for (Map.Entry<?, ?> entry : clause.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new BadRequestException("Filter keys must be strings, got " + Inputs.kind(entry.getKey()));
                }
                String logical = stripDollar(key).toLowerCase(Locale.ROOT);
                Object value = entry.getValue();
                if (Op.LOGICAL.contains(logical) && columns.find(key).isEmpty()) {
                    conditions.add(logical(logical, value, depth));
                } else {
                    conditions.add(column(columns.require(key), key, value));
                }
            }
            return conditions.size() == 1 ? conditions.get(0) : DSL.and(conditions);
        }

        private Condition logical(String logical, Object value, int depth) {
            if (logical.equals("not")) {
                if (!(value instanceof Map<?, ?> inner)) {
                    throw new BadRequestException("Filter 'not' expects one condition object, got " + Inputs.kind(value));
                }
                return DSL.not(clause(inner, depth + 1, "'not'"));
            }
            if (!FilterValues.isList(value) || FilterValues.asList(value).isEmpty()) {
                throw new BadRequestException("Filter '" + logical + "' expects a non-empty list of condition objects, got "
                        + (FilterValues.isList(value) ? "an empty list" : Inputs.kind(value)));
            }
            if (depth + 1 > maxDepth) {
                throw new BadRequestException("Filter is nested deeper than " + maxDepth + " levels");
            }
            List<Condition> parts = new ArrayList<>();
            for (Object element : FilterValues.asList(value)) {
                if (!(element instanceof Map<?, ?> inner)) {
                    throw new BadRequestException("Filter '" + logical + "' expects a list of condition objects, found "
                            + Inputs.kind(element));
                }
                parts.add(clause(inner, depth + 1, "'" + logical + "'"));
            }
            return logical.equals("or") ? DSL.or(parts) : DSL.and(parts);
        }

        private Condition column(Field<?> field, String column, Object value) {
            if (value instanceof Map<?, ?> ops) {
                if (ops.isEmpty()) {
                    throw new BadRequestException("Filter column '" + column + "' has an empty operator object");
                }
                List<Condition> conditions = new ArrayList<>(ops.size());
                for (Map.Entry<?, ?> op : ops.entrySet()) {
                    if (!(op.getKey() instanceof String name)) {
                        throw new BadRequestException("Filter operators on column '" + column + "' must be strings");
                    }
                    conditions.add(term(field, column, Op.lookup(name, column), op.getValue()));
                }
                return conditions.size() == 1 ? conditions.get(0) : DSL.and(conditions);
            }
            if (FilterValues.isList(value)) {
                throw new BadRequestException("Filter column '" + column + "' got a list; use an operator such as 'in'");
            }
            return term(field, column, Op.EQ, value);
        }

        @SuppressWarnings("unchecked")
        private <T> Condition term(Field<T> field, String column, Op op, Object value) {
            if (++terms > maxTerms) {
                throw new BadRequestException("Filter has more than " + maxTerms + " conditions");
            }
            if (op.needsText()) {
                return text((Field<String>) requireText(field, column, op), column, op, value);
            }
            return switch (op) {
                case EQ -> Filter.eq(field, scalarOrNull(field, column, op, value));
                case NE -> Filter.ne(field, scalarOrNull(field, column, op, value));
                case GT -> Filter.gt(field, scalar(field, column, op, value));
                case GTE -> Filter.gte(field, scalar(field, column, op, value));
                case LT -> Filter.lt(field, scalar(field, column, op, value));
                case LTE -> Filter.lte(field, scalar(field, column, op, value));
                case IN -> Filter.in(field, list(field, column, op, value));
                case NOT_IN -> Filter.notIn(field, list(field, column, op, value));
                case BETWEEN -> {
                    List<T> bounds = list(field, column, op, value);
                    if (bounds.size() != 2 || bounds.contains(null)) {
                        throw new BadRequestException("Filter operator 'between' on column '" + column
                                + "' expects a list of exactly two non-null values, got " + bounds.size() + " values");
                    }
                    yield Filter.between(field, bounds.get(0), bounds.get(1));
                }
                case IS_NULL -> flag(column, op, value) ? field.isNull() : field.isNotNull();
                case IS_NOT_NULL -> flag(column, op, value) ? field.isNotNull() : field.isNull();
                default -> throw new IllegalStateException(op.name());
            };
        }

        private Field<?> requireText(Field<?> field, String column, Op op) {
            if (field.getType() != String.class) {
                throw new BadRequestException("Filter operator '" + op.key + "' needs a text column; '" + column + "' is "
                        + field.getType().getSimpleName());
            }
            return field;
        }

        private Condition text(Field<String> field, String column, Op op, Object value) {
            if (!(value instanceof CharSequence)) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column
                        + "' expects a string, got " + Inputs.kind(value));
            }
            String s = value.toString();
            return switch (op) {
                case LIKE -> Filter.like(field, s);
                case ILIKE -> Filter.ilike(field, s);
                case CONTAINS -> Filter.contains(field, s);
                case STARTS_WITH -> Filter.startsWith(field, s);
                case ENDS_WITH -> Filter.endsWith(field, s);
                case CONTAINS_IC -> Filter.containsIgnoreCase(field, s);
                case STARTS_WITH_IC -> Filter.startsWithIgnoreCase(field, s);
                case ENDS_WITH_IC -> Filter.endsWithIgnoreCase(field, s);
                default -> throw new IllegalStateException(op.name());
            };
        }

        private <T> T scalarOrNull(Field<T> field, String column, Op op, Object value) {
            return value == null ? null : scalar(field, column, op, value);
        }

        private <T> T scalar(Field<T> field, String column, Op op, Object value) {
            if (value == null) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column + "' needs a value, not null");
            }
            if (FilterValues.isList(value) || FilterValues.isObject(value)) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column
                        + "' expects a single value, got " + Inputs.kind(value));
            }
            return FilterValues.convert(field, column, value);
        }

        private <T> List<T> list(Field<T> field, String column, Op op, Object value) {
            if (!FilterValues.isList(value)) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column
                        + "' expects a list, got " + Inputs.kind(value));
            }
            Collection<?> raw = FilterValues.asList(value);
            if (raw.size() > maxListSize) {
                throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column + "' has "
                        + raw.size() + " values; at most " + maxListSize + " are allowed");
            }
            List<T> converted = new ArrayList<>(raw.size());
            for (Object element : raw) {
                if (FilterValues.isList(element) || FilterValues.isObject(element)) {
                    throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column
                            + "' expects a list of single values, found " + Inputs.kind(element));
                }
                converted.add(element == null ? null : FilterValues.convert(field, column, element));
            }
            return converted;
        }

        private boolean flag(String column, Op op, Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof CharSequence s) {
                String t = s.toString().strip().toLowerCase(Locale.ROOT);
                if (t.equals("true")) {
                    return true;
                }
                if (t.equals("false")) {
                    return false;
                }
            }
            throw new BadRequestException("Filter operator '" + op.key + "' on column '" + column
                    + "' expects true or false, got " + (value instanceof CharSequence ? Inputs.quote(value) : Inputs.kind(value)));
        }
    }
}
