package dev.kysera.executor.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Reads a shape's rows by column index into the records jOOQ makes for these fields. Columns of
 * jOOQ's own bindings of {@code BIGINT}, {@code INTEGER} and text types without converters are
 * read as jOOQ's binding reads them ({@code getLong}/{@code getInt} then {@code wasNull},
 * {@code getString}); rows with any other column are read by jOOQ itself.
 */
final class ShapeRows {

    private enum Read { LONG, INT, TEXT }

    private final Field<?>[] fields;
    /** How each column is read; null when jOOQ reads the rows. */
    private final Read[] reads;

    ShapeRows(Field<?>[] fields) {
        this.fields = fields.clone();
        this.reads = reads(this.fields);
    }

    private static Read[] reads(Field<?>[] fields) {
        Read[] reads = new Read[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field<?> field = fields[i];
            Class<?> type = field.getType();
            if (!plain(field)) {
                return null;
            }
            if (type == Long.class) {
                reads[i] = Read.LONG;
            } else if (type == Integer.class) {
                reads[i] = Read.INT;
            } else if (type == String.class) {
                reads[i] = Read.TEXT;
            } else {
                return null;
            }
        }
        return reads;
    }

    /** Whether jOOQ binds and reads the field's values with its own binding of the field's SQL type, no converter between. */
    static boolean plain(Field<?> field) {
        DataType<?> sqlType = field.getDataType().getSQLDataType();
        return sqlType != null && sqlType.getType() == field.getType()
                && field.getBinding().getClass().getName().startsWith("org.jooq.impl.DefaultBinding");
    }

    Result<Record> read(DSLContext keyer, ResultSet rows) throws SQLException {
        if (reads == null) {
            return keyer.fetch(rows, fields);
        }
        Result<Record> result = keyer.newResult(fields);
        Object[] values = new Object[fields.length];
        while (rows.next()) {
            for (int i = 0; i < reads.length; i++) {
                values[i] = switch (reads[i]) {
                    case LONG -> {
                        long value = rows.getLong(i + 1);
                        yield rows.wasNull() ? null : value;
                    }
                    case INT -> {
                        int value = rows.getInt(i + 1);
                        yield rows.wasNull() ? null : value;
                    }
                    case TEXT -> rows.getString(i + 1);
                };
            }
            Record record = keyer.newRecord(fields);
            for (int i = 0; i < values.length; i++) {
                set(record, fields[i], values[i]);
            }
            // As fetched by jOOQ: nothing changed, the original values are the fetched ones.
            record.changed(false);
            result.add(record);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Record record, Field<T> field, Object value) {
        record.set(field, (T) value);
    }
}
