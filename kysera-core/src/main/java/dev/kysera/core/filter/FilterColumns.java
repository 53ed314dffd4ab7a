package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.filter.internal.Inputs;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The whitelist of columns that run-time input ({@link Filter#parse}, {@link Sorting#parse}) may name:
 * external names mapped to typed jOOQ fields. A name from input is only ever used as a key into this
 * map; what reaches SQL is the whitelisted {@link Field}, never the input string.
 *
 * <p>A field's external name is its unqualified name ({@code USERS.CREATED_AT} → {@code created_at});
 * {@link Builder#add(String, Field)} adds further names (aliases) such as {@code createdAt}. Names
 * are matched exactly (case-sensitive). Immutable and thread-safe.
 *
 * <p>Prefer listing columns with {@link #of} for public endpoints: {@link #allOf} exposes every
 * column of the table, including ones a client should not be able to probe (password hashes,
 * internal flags).
 */
public final class FilterColumns {

    private static final Set<String> RESERVED = Set.of("and", "or", "not");

    private final Map<String, Field<?>> byName;

    private FilterColumns(Map<String, Field<?>> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * The given fields under their unqualified names.
     *
     * @param fields the columns a client may name, not null
     * @return the whitelist
     * @throws NullPointerException if {@code fields} or one of them is null
     * @throws IllegalArgumentException if two fields share a name or a name is not allowed (see {@link Builder#add(String, Field)})
     */
    public static FilterColumns of(Field<?>... fields) {
        return builder().add(fields).build();
    }

    /**
     * Every field of {@code table} under its unqualified name.
     *
     * @param table the table whose every column a client may name, not null
     * @return the whitelist
     * @throws NullPointerException if {@code table} is null
     * @throws IllegalArgumentException if a column name is not allowed (see {@link Builder#add(String, Field)})
     */
    public static FilterColumns allOf(Table<?> table) {
        return builder().addAll(table).build();
    }

    /**
     * An empty builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The field whitelisted under {@code name}, if any.
     *
     * @param name an external name from input; null finds nothing
     * @return the field, or empty if {@code name} is not whitelisted
     */
    public Optional<Field<?>> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The field whitelisted under {@code name}.
     *
     * @param name an external name from input; null is not whitelisted
     * @return the field
     * @throws BadRequestException if {@code name} is not whitelisted; the message quotes it (shortened) and lists the allowed names
     */
    public Field<?> require(String name) {
        Field<?> field = name == null ? null : byName.get(name);
        if (field == null) {
            throw new BadRequestException("Unknown filter column " + Inputs.quote(name) + "; allowed: " + allowedNames());
        }
        return field;
    }

    /**
     * The external names, in the order they were added.
     *
     * @return an unmodifiable view of the names
     */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Whether no column is whitelisted.
     *
     * @return true if the whitelist is empty
     */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /**
     * A copy without the given external names (unknown names are ignored), e.g.
     * {@code FilterColumns.allOf(USERS).without("password_hash")}.
     *
     * @param names the external names to remove, not null
     * @return the reduced whitelist; this one is unchanged
     * @throws NullPointerException if {@code names} is null
     */
    public FilterColumns without(String... names) {
        Map<String, Field<?>> copy = new LinkedHashMap<>(byName);
        Arrays.stream(names).forEach(copy::remove);
        return new FilterColumns(copy);
    }

    /**
     * A copy without every name that maps to one of the given fields (their own name and aliases).
     *
     * @param fields the fields to remove, not null and without null elements
     * @return the reduced whitelist; this one is unchanged
     * @throws NullPointerException if {@code fields} or one of them is null
     */
    public FilterColumns without(Field<?>... fields) {
        Set<Field<?>> drop = Set.of(fields);
        Map<String, Field<?>> copy = new LinkedHashMap<>(byName);
        copy.values().removeIf(drop::contains);
        return new FilterColumns(copy);
    }

    String allowedNames() {
        if (byName.isEmpty()) {
            return "(none)";
        }
        String listed = byName.keySet().stream().limit(30).collect(Collectors.joining(", "));
        return byName.size() > 30 ? listed + ", ..." : listed;
    }

    @Override
    public String toString() {
        return "FilterColumns" + byName.keySet();
    }

    /** Collects whitelisted columns; not thread-safe. */
    public static final class Builder {

        private final Map<String, Field<?>> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds each field under its unqualified name.
         *
         * @param fields the fields to add, not null
         * @return this builder
         * @throws NullPointerException if {@code fields} or one of them is null
         * @throws IllegalArgumentException on a duplicate or disallowed name
         */
        public Builder add(Field<?>... fields) {
            for (Field<?> field : fields) {
                add(Objects.requireNonNull(field, "field").getName(), field);
            }
            return this;
        }

        /**
         * Adds every field of {@code table} under its unqualified name.
         *
         * @param table the table whose fields to add, not null
         * @return this builder
         * @throws NullPointerException if {@code table} is null
         * @throws IllegalArgumentException on a duplicate or disallowed name
         */
        public Builder addAll(Table<?> table) {
            return add(Objects.requireNonNull(table, "table").fields());
        }

        /**
         * Adds {@code field} under the external {@code name}, e.g. {@code add("createdAt", USERS.CREATED_AT)}.
         * A name must not be blank, be {@code and}, {@code or} or {@code not} (the logical keys of the
         * map form), start with {@code $}, {@code +} or {@code -}, or contain {@code [ ] ,} or
         * whitespace (they delimit the query-parameter and sort forms).
         *
         * @param name the external name, matched case-sensitively, not null
         * @param field the field it stands for, not null
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException on a duplicate or disallowed name
         */
        public Builder add(String name, Field<?> field) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            if (name.isEmpty() || RESERVED.contains(name) || name.startsWith("$") || name.startsWith("+")
                    || name.startsWith("-") || name.chars().anyMatch(c -> c == '[' || c == ']' || c == ',' || Character.isWhitespace(c))) {
                throw new IllegalArgumentException("Column name '" + name + "' cannot be used in filters; add the field under an alias");
            }
            if (byName.putIfAbsent(name, field) != null) {
                throw new IllegalArgumentException("Filter column '" + name + "' is already defined; add one of them under an alias");
            }
            return this;
        }

        /**
         * The immutable whitelist.
         *
         * @return the whitelist of the names added so far
         */
        public FilterColumns build() {
            return new FilterColumns(byName);
        }
    }
}
