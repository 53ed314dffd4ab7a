package dev.kysera.executor;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Param;

/**
 * The values one row of an INSERT, or one UPDATE, writes to a table, after every plugin's
 * {@link Assignment}s were applied. Handed to {@link Plugin#check} so a plugin can reject it.
 *
 * @param kind       {@link StatementKind#INSERT} or {@link StatementKind#UPDATE}
 * @param values     assigned expressions by lower-cased, unqualified column name
 * @param fromSelect true for INSERT … SELECT, where the selected values are not known before execution
 */
public record Write(StatementKind kind, Map<String, Field<?>> values, boolean fromSelect) {

    public Write {
        values = Map.copyOf(values);
    }

    /** The expression assigned to the column, if the statement assigns one. */
    public Optional<Field<?>> value(String column) {
        return Optional.ofNullable(values.get(column.toLowerCase(Locale.ROOT)));
    }

    /**
     * The non-null constant (bind value or literal) assigned to the column. Empty for expressions,
     * for SQL NULL (see {@link #assignsNull(String)}) and for unassigned columns.
     */
    public Optional<Object> constant(String column) {
        return value(column).flatMap(field -> field instanceof Param<?> param ? Optional.ofNullable(param.getValue()) : Optional.empty());
    }

    /** Whether the column is explicitly assigned SQL NULL. */
    public boolean assignsNull(String column) {
        return value(column).map(field -> field instanceof Param<?> param && param.getValue() == null).orElse(false);
    }

    /** Whether the statement assigns the column at all. */
    public boolean assigns(String column) {
        return values.containsKey(column.toLowerCase(Locale.ROOT));
    }
}
