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

    /**
     * Validates and lower-cases the names.
     *
     * @throws IllegalArgumentException for an invalid name, no key column, a key column given twice, a key column
     *                                  excluded or redacted, or a column both excluded and redacted
     * @throws NullPointerException     for a null name, collection or column
     */
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

    /**
     * A table audited in full.
     *
     * @param name       the physical table name, without schema
     * @param keyColumns its primary key columns (one, or several for a composite key)
     * @return a table without exclusions or redactions
     * @throws IllegalArgumentException for an invalid name, no key column, or a key column given twice
     * @throws NullPointerException     for a null name or column
     */
    public static AuditedTable of(String name, String... keyColumns) {
        return new AuditedTable(name, List.of(keyColumns), Set.of(), Set.of());
    }

    /**
     * Leaves columns out of the log entirely (large or irrelevant values); replaces earlier exclusions.
     *
     * @param columns the columns never stored, nor that they changed
     * @return a copy with these exclusions
     * @throws IllegalArgumentException for an invalid, repeated, key or redacted column
     */
    public AuditedTable excluding(String... columns) {
        return new AuditedTable(name, key, Set.of(columns), redacted);
    }

    /**
     * Records changes of secret columns (passwords, tokens) without their values; replaces earlier redactions.
     *
     * @param columns the columns stored as {@value #REDACTED}
     * @return a copy with these redactions
     * @throws IllegalArgumentException for an invalid, repeated, key or excluded column
     */
    public AuditedTable redacting(String... columns) {
        return new AuditedTable(name, key, excluded, Set.of(columns));
    }

    /**
     * Tells whether a column's values are hidden.
     *
     * @param column the column, in any case
     * @return whether its values are stored as {@value #REDACTED}
     */
    public boolean redacts(String column) {
        return redacted.contains(column.toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether a column is recorded.
     *
     * @param column the column, in any case
     * @return {@code false} if it is excluded
     */
    public boolean stores(String column) {
        return !excluded.contains(column.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name + key + (excluded.isEmpty() ? "" : " excluding " + excluded) + (redacted.isEmpty() ? "" : " redacting " + redacted);
    }
}
