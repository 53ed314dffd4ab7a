package dev.kysera.audit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table whose changes are recorded: its name, its primary key columns (several for a composite
 * key), the columns never stored in the audit log, and the secret columns whose changes are
 * recorded without their values.
 *
 * @param name      the physical table name, compared case-insensitively, without schema
 * @param key       the primary key columns, in the order keys are given to {@link AuditLog}
 * @param excluded  columns left out entirely: of old and new values and of the changed columns
 * @param redacted  columns stored as {@value #REDACTED}: that they changed is recorded, never their values
 */
public record AuditedTable(String name, List<String> key, Set<String> excluded, Set<String> redacted) {

    /** What a redacted column's value is stored as. */
    public static final String REDACTED = "[redacted]";

    /** Validates and lower-cases the names. */
    public AuditedTable {
        String table = AuditOptions.identifier(name, "table name");
        name = table;
        key = key.stream().map(column -> AuditOptions.identifier(column, "key column of " + table)).toList();
        excluded = excluded.stream().map(column -> AuditOptions.identifier(column, "excluded column of " + table))
                .collect(Collectors.toUnmodifiableSet());
        redacted = redacted.stream().map(column -> AuditOptions.identifier(column, "redacted column of " + table))
                .collect(Collectors.toUnmodifiableSet());
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Audited table " + name + " needs at least one primary key column");
        }
        if (Set.copyOf(key).size() != key.size()) {
            throw new IllegalArgumentException("Audited table " + name + " names a key column twice: " + key);
        }
        for (String column : key) {
            if (excluded.contains(column) || redacted.contains(column)) {
                throw new IllegalArgumentException("Key column " + name + "." + column + " cannot be excluded or redacted");
            }
        }
        for (String column : redacted) {
            if (excluded.contains(column)) {
                throw new IllegalArgumentException("Column " + name + "." + column + " cannot be both excluded and redacted");
            }
        }
    }

    /** A table with these primary key columns (one, or several for a composite key) and no exclusions. */
    public static AuditedTable of(String name, String... keyColumns) {
        return new AuditedTable(name, List.of(keyColumns), Set.of(), Set.of());
    }

    /** A copy that never stores these columns, nor that they changed. */
    public AuditedTable excluding(String... columns) {
        return new AuditedTable(name, key, Set.of(columns), redacted);
    }

    /** A copy that records changes of these columns without their values (passwords, tokens). */
    public AuditedTable redacting(String... columns) {
        return new AuditedTable(name, key, excluded, Set.of(columns));
    }

    /** Whether {@code column}'s values are replaced by {@value #REDACTED}. */
    public boolean redacts(String column) {
        return redacted.contains(column.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code column} is stored (not excluded). */
    public boolean stores(String column) {
        return !excluded.contains(column.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name + key + (excluded.isEmpty() ? "" : " excluding " + excluded) + (redacted.isEmpty() ? "" : " redacting " + redacted);
    }
}
