package dev.kysera.rls;

import dev.kysera.executor.TableReference;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What a {@link RowCondition} builds its condition from: the table occurrence being filtered
 * (qualified as the statement refers to it, alias included) and the current context.
 *
 * @param table   the occurrence being filtered
 * @param context the current context
 */
public record PolicyScope(TableReference table, RlsContext context) {

    public PolicyScope {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(context, "context");
    }

    /** The column of this occurrence with the name and type of {@code column} (e.g. a generated field). */
    public <T> Field<T> column(Field<T> column) {
        return table.field(column.getName(), column.getDataType());
    }

    /** The named column of this occurrence. */
    public <T> Field<T> column(String name, DataType<T> type) {
        return table.field(name, type);
    }

    /**
     * {@code column = value}, the value converted to the column's type and bound.
     *
     * @throws NullPointerException for a null value: compare with {@code isNull()} explicitly
     */
    public <T> Condition equal(Field<T> column, Object value) {
        return column(column).eq(DSL.val(Objects.requireNonNull(value, "value"), column.getDataType()));
    }
}
