package dev.kysera.cli.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;

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
                key.add(parse(values.get(i), type.getType()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("'" + values.get(i) + "' is not a value of " + table.getName() + "." + field.getName() + " ("
                        + type.getTypeName() + ")");
            }
        }
        return key;
    }

    private static Object parse(String text, Class<?> type) {
        String value = text.strip();
        if (type == String.class) {
            return text;
        }
        if (type == Long.class) {
            return Long.valueOf(value);
        }
        if (type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == Short.class) {
            return Short.valueOf(value);
        }
        if (type == Byte.class) {
            return Byte.valueOf(value);
        }
        if (type == BigInteger.class) {
            return new BigInteger(value);
        }
        if (type == BigDecimal.class) {
            return new BigDecimal(value);
        }
        if (type == UUID.class) {
            return UUID.fromString(value);
        }
        if (type == LocalDate.class) {
            try {
                return LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        throw new UsageException("Keys of type " + type.getSimpleName() + " cannot be given on the command line");
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
