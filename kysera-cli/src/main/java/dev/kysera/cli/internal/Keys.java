package dev.kysera.cli.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataTypeException;

/** Primary key values typed from command-line text by the column types the database reports. */
final class Keys {

    private Keys() {
    }

    static List<Object> convert(Table<?> table, List<String> columns, List<String> values) {
        if (columns.size() != values.size()) {
            throw new UsageException("The key of " + table.getName() + " is (" + String.join(", ", columns) + "): give "
                    + columns.size() + " value(s), not " + values.size());
        }
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Field<?> field = field(table, columns.get(i));
            DataType<?> type = field.getDataType();
            try {
                key.add(org.jooq.tools.Convert.convert(values.get(i), type.getType()));
            } catch (DataTypeException | IllegalArgumentException e) {
                throw new UsageException("'" + values.get(i) + "' is not a value of " + table.getName() + "." + field.getName() + " ("
                        + type.getTypeName() + ")");
            }
        }
        return key;
    }

    static Field<?> field(Table<?> table, String column) {
        for (Field<?> field : table.fields()) {
            if (field.getName().equalsIgnoreCase(column)) {
                return field;
            }
        }
        throw new ConfigException("Table " + table.getName() + " has no column '" + column + "'");
    }
}
