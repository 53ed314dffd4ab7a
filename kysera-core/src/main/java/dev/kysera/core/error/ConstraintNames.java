package dev.kysera.core.error;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The names a database reported with a constraint violation. Each part is present only when the
 * database said it; nothing is guessed. Names are unquoted and without schema or catalog; blank
 * names count as not reported.
 *
 * <p>Immutable; equal when every part is equal.
 */
public final class ConstraintNames {

    /** Nothing known. */
    public static final ConstraintNames NONE = new ConstraintNames(null, null, List.of(), null);

    private final String table;
    private final String constraint;
    private final List<String> columns;
    private final String referencedTable;

    private ConstraintNames(String table, String constraint, List<String> columns, String referencedTable) {
        this.table = clean(table);
        this.constraint = clean(constraint);
        this.referencedTable = clean(referencedTable);
        this.columns = columns == null ? List.of()
                : columns.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
    }

    /**
     * Names from nullable parts.
     *
     * @param table           the table the violating row belongs to (for foreign keys: the referencing
     *                        table), or null
     * @param constraint      the constraint or unique index name, or null
     * @param columns         the columns involved in the database's order; null or empty when not reported
     * @param referencedTable for foreign keys the parent table, or null
     * @return the names
     */
    public static ConstraintNames of(String table, String constraint, List<String> columns, String referencedTable) {
        return new ConstraintNames(table, constraint, columns, referencedTable);
    }

    /**
     * The table the violating row belongs to (for foreign keys: the referencing table).
     *
     * @return the table name, or empty when not reported
     */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    /**
     * The constraint or unique index name.
     *
     * @return the name, or empty when not reported
     */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }

    /**
     * The columns involved.
     *
     * @return the columns in the database's order; empty when not reported
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * For foreign keys, the parent table.
     *
     * @return the parent table, or empty when not reported or not a foreign key
     */
    public Optional<String> referencedTable() {
        return Optional.ofNullable(referencedTable);
    }

    /**
     * These names, with each missing part taken from {@code fallback}.
     *
     * @param fallback names to fill gaps from; null means none
     * @return the merged names
     */
    public ConstraintNames or(ConstraintNames fallback) {
        if (fallback == null) {
            return this;
        }
        return new ConstraintNames(table != null ? table : fallback.table,
                constraint != null ? constraint : fallback.constraint,
                columns.isEmpty() ? fallback.columns : columns,
                referencedTable != null ? referencedTable : fallback.referencedTable);
    }

    private static String clean(String name) {
        if (name == null) {
            return null;
        }
        String stripped = name.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConstraintNames that && Objects.equals(table, that.table)
                && Objects.equals(constraint, that.constraint) && columns.equals(that.columns)
                && Objects.equals(referencedTable, that.referencedTable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, constraint, columns, referencedTable);
    }

    @Override
    public String toString() {
        return "ConstraintNames[table=" + table + ", constraint=" + constraint + ", columns=" + columns
                + ", referencedTable=" + referencedTable + "]";
    }
}
