package dev.kysera.core.error;

import java.util.List;
import java.util.Optional;

/**
 * The names a database reported with a constraint violation. Each part is present only when the
 * database said it; nothing is guessed. Names are unquoted and without schema or catalog.
 *
 * @param table           the table the violating row belongs to (for foreign keys: the referencing table)
 * @param constraint      the constraint or unique index name
 * @param columns         the columns involved, in the database's order; empty when not reported
 * @param referencedTable for foreign keys, the parent table
 */
public record ConstraintNames(Optional<String> table, Optional<String> constraint, List<String> columns,
        Optional<String> referencedTable) {

    /** Nothing known. */
    public static final ConstraintNames NONE = new ConstraintNames(Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public ConstraintNames {
        table = clean(table);
        constraint = clean(constraint);
        referencedTable = clean(referencedTable);
        columns = columns == null ? List.of()
                : columns.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
    }

    /** Builds names from nullable parts. */
    public static ConstraintNames of(String table, String constraint, List<String> columns, String referencedTable) {
        return new ConstraintNames(Optional.ofNullable(table), Optional.ofNullable(constraint), columns,
                Optional.ofNullable(referencedTable));
    }

    /** These names, with each missing part taken from {@code fallback}. */
    public ConstraintNames or(ConstraintNames fallback) {
        if (fallback == null) {
            return this;
        }
        return new ConstraintNames(table.or(fallback::table), constraint.or(fallback::constraint),
                columns.isEmpty() ? fallback.columns : columns, referencedTable.or(fallback::referencedTable));
    }

    private static Optional<String> clean(Optional<String> name) {
        // a record component can still be handed null by a careless caller
        return name == null ? Optional.empty() : name.map(String::strip).filter(s -> !s.isEmpty());
    }
}
