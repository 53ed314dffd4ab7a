package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortDirection;
import dev.kysera.core.page.SortKey;
import dev.kysera.core.filter.internal.Inputs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Turns the query parameters of a list endpoint into a validated {@link ListRequest}: filters
 * ({@code status[in]=active,closed}, see {@link FilterParser#parseQuery}), sort
 * ({@code sort=-created_at,name}, see {@link Sorting}), {@code limit} and {@code cursor}. Every bad
 * input is an {@link InvalidParameterException} naming the parameter; nothing reaches SQL but
 * whitelisted fields and bound values. Immutable and thread-safe; build once per endpoint.
 *
 * <pre>{@code
 * ListRequestParser parser = ListRequestParser.builder(FilterColumns.of(USERS.NAME, USERS.STATUS, USERS.CREATED_AT), USERS.ID)
 *         .defaultSort("-created_at")
 *         .build();
 * CursorPage<User> page = parser.parseMultiValued(request.getParameterMap()).fetch(users);
 * }</pre>
 *
 * <ul>
 *   <li><b>sort</b>: comma-separated and/or repeated; columns from the sortable whitelist (the
 *       filter columns unless {@link Builder#sortable} says otherwise). The tie-breaker (a unique,
 *       non-null column, usually the id) is appended ascending unless the client already sorts by
 *       it. Absent: the default sort. Enum columns (a jOOQ converter over a text or number column)
 *       sort and page by their stored value; numbers, text, UUIDs, dates and times directly.</li>
 *   <li><b>limit</b>: a whole number from 1 to the maximum (default {@value #DEFAULT_MAX_LIMIT});
 *       absent: the default ({@value #DEFAULT_LIMIT}).</li>
 *   <li><b>cursor</b>: a cursor from an earlier page; absent or empty: the first page. Its checks
 *       (signature, sort) run when the page is fetched ({@link ListRequest#fetch}).</li>
 *   <li>every other parameter is a filter, except those {@link Builder#ignore ignored}; a filter
 *       given more than once is refused unless it is an {@code in}/{@code notIn} list, whose values
 *       are joined.</li>
 * </ul>
 */
public final class ListRequestParser {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 20;
    /** Default largest page size. */
    public static final int DEFAULT_MAX_LIMIT = 100;

    private final FilterColumns filters;
    private final FilterColumns sortable;
    private final FilterColumns sortWhitelist;
    private final Field<?> tieBreaker;
    private final List<SortField<?>> defaultSort;
    private final Map<Field<?>, Field<?>> sortFields;
    private final int defaultLimit;
    private final int maxLimit;
    private final String sortParameter;
    private final String limitParameter;
    private final String cursorParameter;
    private final Set<String> ignored;
    private final FilterParser filterParser;

    private ListRequestParser(Builder builder) {
        this.filters = builder.filters;
        this.sortable = builder.sortable == null ? builder.filters : builder.sortable;
        this.tieBreaker = builder.tieBreaker;
        this.defaultLimit = builder.defaultLimit;
        this.maxLimit = builder.maxLimit;
        this.sortParameter = builder.sortParameter;
        this.limitParameter = builder.limitParameter;
        this.cursorParameter = builder.cursorParameter;
        this.ignored = Set.copyOf(builder.ignored);
        this.filterParser = builder.filterParser;
        Map<Field<?>, Field<?>> keys = new LinkedHashMap<>();
        for (String name : sortable.names()) {
            Field<?> field = sortable.require(name);
            keys.put(field, sortableForm(name, field));
        }
        keys.put(tieBreaker, sortableForm(tieBreaker.getName(), tieBreaker));
        this.sortFields = Map.copyOf(keys);
        this.sortWhitelist = withTieBreaker(sortable, tieBreaker);
        this.defaultSort = builder.defaultSort == null ? List.of() : sort(builder.defaultSort, "default sort");
    }

    /**
     * A builder over the filter whitelist and the tie-breaker that makes every sort total.
     *
     * @param filters    the columns clients may filter (and, by default, sort) by, not null
     * @param tieBreaker a unique, non-null column (the primary key), appended to every sort that lacks it, not null
     * @return a new builder with the default limits and parameter names
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(FilterColumns filters, Field<?> tieBreaker) {
        return new Builder(Objects.requireNonNull(filters, "filters"), Objects.requireNonNull(tieBreaker, "tieBreaker"));
    }

    /**
     * Parses single-valued parameters (e.g. a framework's {@code Map<String, String>}).
     *
     * @param parameters the request's parameters, name to value (a null value counts as absent), not null
     * @return the validated request
     * @throws NullPointerException if {@code parameters} is null
     * @throws InvalidParameterException naming the parameter that is malformed, unknown or out of range
     */
    public ListRequest parse(Map<String, String> parameters) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        Objects.requireNonNull(parameters, "parameters").forEach((name, value) -> multi.put(name, value == null ? List.of() : List.of(value)));
        return parseMultiValued(multi);
    }

    /**
     * Parses multi-valued parameters (a servlet's {@code getParameterMap()} as lists, Spring's
     * {@code MultiValueMap}, JAX-RS {@code MultivaluedMap}).
     *
     * @param parameters the request's parameters, name to its values, not null
     * @return the validated request
     * @throws NullPointerException if {@code parameters} is null
     * @throws InvalidParameterException naming the parameter that is malformed, unknown, repeated or out of range
     */
    public ListRequest parseMultiValued(Map<String, ? extends Collection<String>> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        List<Condition> where = new ArrayList<>();
        int filterCount = 0;
        for (Map.Entry<String, ? extends Collection<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name == null || name.equals(sortParameter) || name.equals(limitParameter) || name.equals(cursorParameter)
                    || ignored.contains(name)) {
                continue;
            }
            if (++filterCount > filterParser.maxTerms()) {
                throw new InvalidParameterException(name, "more than " + filterParser.maxTerms() + " filter parameters", null);
            }
            where.add(filter(name, values(parameter.getValue())));
        }
        Sort sort = sortOf(values(parameters.get(sortParameter)));
        int limit = limit(single(limitParameter, values(parameters.get(limitParameter))));
        String cursor = single(cursorParameter, values(parameters.get(cursorParameter)));
        return new ListRequest(DSL.and(where), sort, KeysetRequest.of(limit, cursor), cursorParameter);
    }

    private Condition filter(String name, List<String> values) {
        String value;
        if (values.size() > 1 && isListOperator(name)) {
            value = String.join(",", values);
        } else {
            value = single(name, values);
        }
        try {
            return filterParser.parseQuery(value == null ? Map.of() : Map.of(name, value), filters);
        } catch (InvalidParameterException e) {
            throw e;
        } catch (BadRequestException e) {
            throw new InvalidParameterException(name, e.getMessage(), e);
        }
    }

    private static boolean isListOperator(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("[$", "[");
        return key.endsWith("[in]") || key.endsWith("[notin]") || key.endsWith("[nin]");
    }

    private Sort sortOf(List<String> values) {
        List<String> keys = new ArrayList<>();
        values.forEach(value -> keys.addAll(List.of(value.split(",", -1))));
        List<SortField<?>> requested = keys.isEmpty() ? defaultSort : sort(keys, sortParameter);
        List<SortKey<?>> sortKeys = new ArrayList<>(requested.size() + 1);
        boolean tieBroken = false;
        for (SortField<?> field : requested) {
            sortKeys.add(key(field));
            tieBroken |= field.$field().equals(tieBreaker);
        }
        if (!tieBroken) {
            sortKeys.add(key(tieBreaker.asc()).notNull());
        }
        return new Sort(sortKeys);
    }

    private List<SortField<?>> sort(List<String> keys, String parameter) {
        try {
            return Sorting.parse(keys, sortWhitelist);
        } catch (BadRequestException e) {
            throw new InvalidParameterException(parameter, e.getMessage(), e);
        }
    }

    /** Clients may always sort by the tie-breaker, e.g. {@code sort=-id} for "newest first". */
    private static FilterColumns withTieBreaker(FilterColumns sortable, Field<?> tieBreaker) {
        FilterColumns.Builder all = FilterColumns.builder();
        boolean present = false;
        for (String name : sortable.names()) {
            Field<?> field = sortable.require(name);
            all.add(name, field);
            present |= field.equals(tieBreaker);
        }
        return present ? sortable : all.add(tieBreaker).build();
    }

    private SortKey<?> key(SortField<?> field) {
        Field<?> column = sortFields.getOrDefault(field.$field(), field.$field());
        SortDirection direction = field.$sortOrder() == org.jooq.SortOrder.DESC ? SortDirection.DESC : SortDirection.ASC;
        return SortKey.of(column, direction);
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        String text = value.strip();
        int limit;
        try {
            limit = text.length() > 10 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidParameterException(limitParameter, Inputs.quote(value) + " is not a whole number from 1 to " + maxLimit, null);
        }
        return limit;
    }

    private static List<String> values(Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(values.size());
        values.forEach(value -> list.add(value == null ? "" : value));
        return list;
    }

    private static String single(String name, List<String> values) {
        if (values.size() > 1) {
            throw new InvalidParameterException(name, "is given " + values.size() + " times; give it once", null);
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /**
     * The field a keyset cursor can carry for {@code field}: itself, or for a converted column (a
     * Java enum over text or a number) the same column read as its stored type, so the cursor
     * holds the stored value and the seek compares it as the database orders it.
     */
    private static Field<?> sortableForm(String name, Field<?> field) {
        try {
            SortKey.asc(field);
            return field;
        } catch (IllegalArgumentException unsupported) {
            DataType<?> stored = field.getDataType().getSQLDataType();
            Field<?> raw = stored == null || stored.getType() == field.getType() ? null : DSL.field(field.getQualifiedName(), stored);
            try {
                SortKey.asc(Objects.requireNonNull(raw, "raw"));
                return raw;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Sort column '" + name + "' of type " + field.getType().getSimpleName()
                        + " cannot be a keyset sort key: a cursor carries numbers, text, booleans, UUIDs, dates and times,"
                        + " or a converted column whose stored type is one of them", unsupported);
            }
        }
    }

    /** Configures a {@link ListRequestParser}; not thread-safe. */
    public static final class Builder {

        private final FilterColumns filters;
        private final Field<?> tieBreaker;
        private FilterColumns sortable;
        private List<String> defaultSort;
        private int defaultLimit = DEFAULT_LIMIT;
        private int maxLimit = DEFAULT_MAX_LIMIT;
        private String sortParameter = "sort";
        private String limitParameter = "limit";
        private String cursorParameter = "cursor";
        private final Set<String> ignored = new HashSet<>();
        private FilterParser filterParser = FilterParser.defaults();

        private Builder(FilterColumns filters, Field<?> tieBreaker) {
            this.filters = filters;
            this.tieBreaker = tieBreaker;
        }

        /**
         * The columns clients may sort by; the filter columns by default. The tie-breaker is always allowed.
         *
         * @param columns the sortable columns, not null
         * @return this builder
         * @throws NullPointerException if {@code columns} is null
         */
        public Builder sortable(FilterColumns columns) {
            this.sortable = Objects.requireNonNull(columns, "columns");
            return this;
        }

        /**
         * The sort when the request has none, in the sort parameter's syntax (e.g. {@code "-created_at"});
         * default: the tie-breaker. Checked against the sortable columns by {@link #build()}.
         *
         * @param spec the default sort, not null
         * @return this builder
         * @throws NullPointerException if {@code spec} is null
         */
        public Builder defaultSort(String spec) {
            this.defaultSort = List.of(Objects.requireNonNull(spec, "spec").split(",", -1));
            return this;
        }

        /**
         * The page size when the request gives none; default {@value ListRequestParser#DEFAULT_LIMIT}.
         *
         * @param limit the default page size, checked by {@link #build()}
         * @return this builder
         */
        public Builder defaultLimit(int limit) {
            this.defaultLimit = limit;
            return this;
        }

        /**
         * The largest page size a request may ask for; default {@value ListRequestParser#DEFAULT_MAX_LIMIT}.
         *
         * @param limit the maximum page size, checked by {@link #build()}
         * @return this builder
         */
        public Builder maxLimit(int limit) {
            this.maxLimit = limit;
            return this;
        }

        /**
         * The names of the sort, limit and cursor parameters; default {@code sort}, {@code limit}, {@code cursor}.
         *
         * @param sort the sort parameter's name, not null
         * @param limit the limit parameter's name, not null
         * @param cursor the cursor parameter's name, not null
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder parameterNames(String sort, String limit, String cursor) {
            this.sortParameter = Objects.requireNonNull(sort, "sort");
            this.limitParameter = Objects.requireNonNull(limit, "limit");
            this.cursorParameter = Objects.requireNonNull(cursor, "cursor");
            return this;
        }

        /**
         * Parameters that are neither filters nor paging (e.g. {@code fields}, {@code include}); they are
         * skipped. Adds to the names given before.
         *
         * @param names the parameter names to skip, not null and without null elements
         * @return this builder
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder ignore(String... names) {
            ignored.addAll(List.of(names));
            return this;
        }

        /**
         * The filter parser (limits on terms and list sizes); default {@link FilterParser#defaults()}.
         *
         * @param parser the filter parser, not null
         * @return this builder
         * @throws NullPointerException if {@code parser} is null
         */
        public Builder filterParser(FilterParser parser) {
            this.filterParser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * The immutable parser.
         *
         * @return the parser
         * @throws IllegalArgumentException if a limit is out of range (1 ≤ default ≤ max), two
         *         parameter names coincide, the default sort names a column that is not sortable, or a
         *         sortable column cannot be carried by a cursor
         */
        public ListRequestParser build() {
            if (defaultLimit < 1 || defaultLimit > maxLimit) {
                throw new IllegalArgumentException("need 1 <= defaultLimit (" + defaultLimit + ") <= maxLimit (" + maxLimit + ")");
            }
            if (Set.of(sortParameter, limitParameter, cursorParameter).size() != 3) {
                throw new IllegalArgumentException("the sort, limit and cursor parameters need three different names");
            }
            try {
                return new ListRequestParser(this);
            } catch (InvalidParameterException e) {
                throw new IllegalArgumentException("Invalid default sort: " + e.getMessage(), e);
            }
        }
    }
}
