package dev.kysera.audit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table whose changes are recorded: its name, its primary key columns (several for a composite
 * key) and the columns never stored in the audit log (secrets).
 *
 * @param name      the physical table name, compared case-insensitively, without schema
 * @param key       the primary key columns, in the order keys are given to {@link AuditLog}
 * @param excluded  columns left out of old and new values and of the changed columns
 */
public record AuditedTable(String name, List<String> key, Set<String> excluded) {

    public AuditedTable {
        String table = AuditOptions.identifier(name, "table name");
        name = table;
        key = key.stream().map(column -> AuditOptions.identifier(column, "key column of " + table)).toList();
        excluded = excluded.stream().map(column -> AuditOptions.identifier(column, "excluded column of " + table))
                .collect(Collectors.toUnmodifiableSet());
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Audited table " + name + " needs at least one primary key column");
        }
        if (Set.copyOf(key).size() != key.size()) {
            throw new IllegalArgumentException("Audited table " + name + " names a key column twice: " + key);
        }
        for (String column : key) {
            if (excluded.contains(column)) {
                throw new IllegalArgumentException("Key column " + name + "." + column + " cannot be excluded from the audit log");
            }
        }
    }

    /** A table with these primary key columns (one, or several for a composite key) and no exclusions. */
    public static AuditedTable of(String name, String... keyColumns) {
        return new AuditedTable(name, List.of(keyColumns), Set.of());
    }

    /** A copy that never stores these columns. */
    public AuditedTable excluding(String... columns) {
        return new AuditedTable(name, key, Set.of(columns));
    }

    /** Whether {@code column} is stored (not excluded). */
    public boolean stores(String column) {
        return !excluded.contains(column.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name + key + (excluded.isEmpty() ? "" : " excluding " + excluded);
    }
}
