package dev.kysera.executor;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tables a plugin acts on: those named in {@code include} (or every table when it is empty),
 * minus those in {@code exclude}; names compare case-insensitively. When no table is named, a
 * table is only selected if jOOQ knows its columns and it has all the columns the plugin needs, so
 * a plugin never adds a condition on a column the table lacks.
 *
 * @param include tables to act on; empty means every table that has the required columns
 * @param exclude tables never to act on
 */
public record TableSelection(Set<String> include, Set<String> exclude) {

    /** Every table that has the required columns. */
    public static final TableSelection ALL = new TableSelection(Set.of(), Set.of());

    public TableSelection {
        include = lowerCase(include);
        exclude = lowerCase(exclude);
    }

    /** Only these tables. */
    public static TableSelection only(String... tables) {
        return new TableSelection(Set.of(tables), Set.of());
    }

    /** Every table with the required columns except these. */
    public static TableSelection allExcept(String... tables) {
        return new TableSelection(Set.of(), Set.of(tables));
    }

    /** A copy that acts only on these tables (keeping the exclusions). */
    public TableSelection including(String... tables) {
        return new TableSelection(Set.of(tables), exclude);
    }

    /** A copy that never acts on these tables (keeping the inclusions). */
    public TableSelection excluding(String... tables) {
        return new TableSelection(include, Set.of(tables));
    }

    /** Whether the plugin should act on this table, which must have {@code requiredColumns}. */
    public boolean selects(TableReference table, String... requiredColumns) {
        if (exclude.contains(table.name())) {
            return false;
        }
        if (!include.isEmpty()) {
            return include.contains(table.name());
        }
        if (!table.hasMetadata()) {
            return false;
        }
        for (String column : requiredColumns) {
            if (!table.hasColumn(column)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
