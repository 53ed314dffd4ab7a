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

    /**
     * Lower-cases and copies the names.
     *
     * @throws NullPointerException if either set is or contains null
     */
    public TableSelection {
        include = lowerCase(include);
        exclude = lowerCase(exclude);
    }

    /**
     * Only these tables, whether or not jOOQ knows their columns.
     *
     * @param tables table names
     * @return the selection
     * @throws IllegalArgumentException if a name is given twice
     */
    public static TableSelection only(String... tables) {
        return new TableSelection(Set.of(tables), Set.of());
    }

    /**
     * Every table with the required columns except these.
     *
     * @param tables table names
     * @return the selection
     * @throws IllegalArgumentException if a name is given twice
     */
    public static TableSelection allExcept(String... tables) {
        return new TableSelection(Set.of(), Set.of(tables));
    }

    /**
     * A copy that acts only on these tables (keeping the exclusions); replaces the inclusions.
     *
     * @param tables table names
     * @return the new selection
     * @throws IllegalArgumentException if a name is given twice
     */
    public TableSelection including(String... tables) {
        return new TableSelection(Set.of(tables), exclude);
    }

    /**
     * A copy that never acts on these tables (keeping the inclusions); replaces the exclusions.
     *
     * @param tables table names
     * @return the new selection
     * @throws IllegalArgumentException if a name is given twice
     */
    public TableSelection excluding(String... tables) {
        return new TableSelection(include, Set.of(tables));
    }

    /**
     * Whether the plugin should act on this table. A table named in {@code include} is selected
     * without checking its columns; otherwise the table must have metadata and every required column.
     *
     * @param table           the occurrence
     * @param requiredColumns the columns the plugin needs, checked only when no table is included by name
     * @return true if the plugin should act on it
     */
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
