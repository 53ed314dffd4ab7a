package dev.kysera.executor;

import java.util.Locale;
import java.util.Objects;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One occurrence of a physical table in a statement, as handed to plugins: which table it is
 * ({@link #name()}, lower-cased, without schema) and how the statement refers to it
 * ({@link #reference()}, the alias if there is one), so a plugin can build correctly qualified
 * conditions with {@link #field(String, DataType)}.
 *
 * @param schema    the schema the table was qualified with, lower-cased, or {@code null}
 * @param name      the physical table name, lower-cased
 * @param reference the qualified name the statement uses for this occurrence (alias or table)
 * @param table     the jOOQ table as it appears in the statement
 */
public record TableReference(String schema, String name, Name reference, Table<?> table) {

    /**
     * Validates the reference.
     *
     * @throws NullPointerException if {@code name}, {@code reference} or {@code table} is null
     */
    public TableReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(table, "table");
    }

    /**
     * Whether this is the given physical table (case-insensitive, schema ignored).
     *
     * @param tableName an unqualified table name
     * @return true if {@link #name()} is that name
     */
    public boolean is(String tableName) {
        return name.equals(tableName.toLowerCase(Locale.ROOT));
    }

    /**
     * A column of this occurrence, qualified as the statement refers to the table.
     *
     * @param <T>    the column's Java type
     * @param column the column's name, as stored
     * @param type   its data type, for binding and comparisons
     * @return a field usable in conditions and values of this statement (not checked to exist)
     */
    public <T> Field<T> field(String column, DataType<T> type) {
        return DSL.field(reference.append(column), type);
    }

    /**
     * An untyped column of this occurrence, qualified as the statement refers to the table.
     *
     * @param column the column's name, as stored
     * @return a field usable in conditions of this statement (not checked to exist)
     */
    public Field<Object> field(String column) {
        return DSL.field(reference.append(column));
    }

    /**
     * Whether jOOQ knows the table's columns (generated tables do; {@code DSL.table(name)} and
     * plain-SQL tables do not). Plugins that act on tables having a certain column should act on
     * tables without metadata only when configured to by name.
     *
     * @return true if the jOOQ table declares fields
     */
    public boolean hasMetadata() {
        return table.fields().length > 0;
    }

    /**
     * Whether the table declares a column of that name (case-insensitive).
     *
     * @param column the column's name
     * @return true if jOOQ knows such a column; false for tables without metadata
     */
    public boolean hasColumn(String column) {
        for (Field<?> field : table.fields()) {
            if (field.getName().equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }
}
