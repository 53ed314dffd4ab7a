package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.filter.internal.Inputs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * Parses sort input such as {@code "name,-created_at"} (HTTP {@code ?sort=name,-created_at}) into
 * jOOQ sort fields over a {@link FilterColumns} whitelist: a leading {@code -} sorts descending, an
 * optional {@code +} ascending. Names are matched exactly; NULLs sort where the database puts them.
 */
public final class Sorting {

    /** The most sort keys one input may name. */
    public static final int MAX_KEYS = 16;

    private Sorting() {
    }

    /**
     * {@code spec} split on commas into sort fields; null or blank → an empty list.
     *
     * @param spec the sort input, e.g. {@code "name,-created_at"}; may be null
     * @param columns the columns a client may sort by, not null
     * @return the sort fields in input order, unmodifiable
     * @throws NullPointerException if {@code columns} is null
     * @throws BadRequestException on an unknown column, an empty key ({@code "name,,id"}), a column
     *         named twice, or more than {@value #MAX_KEYS} keys
     */
    public static List<SortField<?>> parse(String spec, FilterColumns columns) {
        Objects.requireNonNull(columns, "columns");
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        return parse(List.of(spec.split(",", -1)), columns);
    }

    /**
     * One sort key per element (e.g. repeated {@code ?sort=name&sort=-id} parameters), in order.
     *
     * @param keys the sort keys, each optionally prefixed with {@code -} or {@code +}; may be null
     * @param columns the columns a client may sort by, not null
     * @return the sort fields in input order, unmodifiable
     * @throws NullPointerException if {@code columns} is null
     * @throws BadRequestException on an unknown column, an empty key, a column named twice, or more
     *         than {@value #MAX_KEYS} keys
     */
    public static List<SortField<?>> parse(List<String> keys, FilterColumns columns) {
        Objects.requireNonNull(columns, "columns");
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        if (keys.size() > MAX_KEYS) {
            throw new BadRequestException("Sorting has " + keys.size() + " keys; at most " + MAX_KEYS + " are allowed");
        }
        List<SortField<?>> fields = new ArrayList<>(keys.size());
        Set<Field<?>> seen = new HashSet<>();
        for (String raw : keys) {
            String key = raw == null ? "" : raw.strip();
            boolean descending = key.startsWith("-");
            String name = descending || key.startsWith("+") ? key.substring(1).strip() : key;
            if (name.isEmpty()) {
                throw new BadRequestException("Sorting contains an empty key: " + Inputs.quote(raw));
            }
            Field<?> field = columns.find(name).orElseThrow(() -> new BadRequestException(
                    "Unknown sort column " + Inputs.quote(name) + "; allowed: " + columns.allowedNames()));
            if (!seen.add(field)) {
                throw new BadRequestException("Sorting names column " + Inputs.quote(name) + " more than once");
            }
            fields.add(descending ? field.desc() : field.asc());
        }
        return List.copyOf(fields);
    }
}
