package dev.kysera.core.temporal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.types.ULong;

/**
 * Turns an instant into the bind value a timestamp column takes: the Java type comes from the
 * configured {@link TimestampStorage} or, for {@code AUTO}, from the column's jOOQ data type.
 * Values are truncated to microseconds (what TIMESTAMP(6) / DATETIME(6) keep); a
 * {@code LocalDateTime} on SQLite to milliseconds, because jOOQ reads SQLite's text back with
 * millisecond precision and a re-read value must equal the written one.
 */
public final class TemporalValues {

    private static final DateTimeFormatter ISO_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TemporalValues() {
    }

    /**
     * The column of that name in the table's metadata (case-insensitive), or null.
     *
     * @param table the table whose fields to search, not null
     * @param name the column name
     * @return the field, or null when the table's metadata has no such column
     */
    public static Field<?> column(Table<?> table, String name) {
        for (Field<?> field : table.fields()) {
            if (field.getName().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /**
     * The bind value for {@code column} (null when jOOQ knows no column) holding {@code instant}.
     * {@code AUTO} picks the storage from the column's Java type (looking through a converter to the
     * database type); without column metadata it writes a UTC {@code LocalDateTime}.
     *
     * @param column the column the value is written to, or null when jOOQ has no metadata for it
     * @param columnName the column's name, for the error message
     * @param storage how the instant is stored, not null
     * @param instant the instant to write, not null
     * @param dialect the dialect written to (SQLite keeps milliseconds, the others microseconds), not null
     * @return the bind value, typed as the column when it is known
     * @throws IllegalStateException if {@code AUTO} meets a column type that cannot hold a timestamp
     */
    public static Field<?> bind(Field<?> column, String columnName, TimestampStorage storage, Instant instant, SQLDialect dialect) {
        DataType<?> type = column == null ? null : column.getDataType();
        TimestampStorage effective = storage;
        if (storage == TimestampStorage.AUTO) {
            effective = type == null ? TimestampStorage.LOCAL_DATE_TIME : autoStorage(type.getType(), columnName);
            if (effective == null && type.getSQLDataType() != null && type.getSQLDataType() != type) {
                // A converter maps the column to a user type; write what the database column holds.
                type = type.getSQLDataType();
                effective = autoStorage(type.getType(), columnName);
            }
            if (effective == null) {
                if (Timestamp.class == type.getType()) {
                    return DSL.val(Timestamp.valueOf(localDateTime(instant, dialect)), type);
                }
                effective = TimestampStorage.LOCAL_DATE_TIME;
                type = null;
            }
        }
        Object value = value(effective, instant, dialect);
        if (type != null) {
            if (type.getType().isInstance(value)) {
                return val(value, type);
            }
            if (value instanceof Long number) {
                Object converted = number(number, type.getType());
                if (converted != null) {
                    return val(converted, type);
                }
            }
        }
        return DSL.val(value);
    }

    /**
     * The value {@code storage} writes for {@code instant}; {@code AUTO} writes what
     * {@code LOCAL_DATE_TIME} does.
     *
     * @param storage how the instant is stored, not null
     * @param instant the instant to write, not null
     * @param dialect the dialect written to (SQLite keeps milliseconds, the others microseconds), not null
     * @return the Java value to bind: a {@code LocalDateTime} or {@code OffsetDateTime} in UTC, an
     *         {@code Instant}, a {@code Long} of epoch milliseconds or seconds, or ISO-8601 UTC text
     */
    public static Object value(TimestampStorage storage, Instant instant, SQLDialect dialect) {
        return switch (storage) {
            case AUTO, LOCAL_DATE_TIME -> localDateTime(instant, dialect);
            case OFFSET_DATE_TIME -> OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
            case INSTANT -> micros(instant);
            case EPOCH_MILLIS -> instant.toEpochMilli();
            case EPOCH_SECONDS -> instant.getEpochSecond();
            case ISO_8601_TEXT -> ISO_TEXT.format(micros(instant));
        };
    }

    private static LocalDateTime localDateTime(Instant instant, SQLDialect dialect) {
        Instant truncated = dialect.family() == SQLDialect.SQLITE ? instant.truncatedTo(ChronoUnit.MILLIS) : micros(instant);
        return LocalDateTime.ofInstant(truncated, ZoneOffset.UTC);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** AUTO's choice for a column's Java type; null when the type is not one it knows. */
    private static TimestampStorage autoStorage(Class<?> type, String columnName) {
        if (type == LocalDateTime.class) {
            return TimestampStorage.LOCAL_DATE_TIME;
        }
        if (type == OffsetDateTime.class) {
            return TimestampStorage.OFFSET_DATE_TIME;
        }
        if (type == Instant.class) {
            return TimestampStorage.INSTANT;
        }
        if (type == Long.class || type == BigInteger.class || type == BigDecimal.class || type == ULong.class) {
            return TimestampStorage.EPOCH_MILLIS;
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            throw new IllegalStateException("Column " + columnName + " is a " + type.getSimpleName()
                    + ", too small for epoch milliseconds: configure TimestampStorage.EPOCH_SECONDS or use a BIGINT");
        }
        if (type == String.class) {
            return TimestampStorage.ISO_8601_TEXT;
        }
        return null;
    }

    /** An epoch number as the column's numeric type; null for other types. */
    private static Object number(long value, Class<?> type) {
        if (type == Long.class) {
            return value;
        }
        if (type == Integer.class) {
            return Math.toIntExact(value);
        }
        if (type == BigInteger.class) {
            return BigInteger.valueOf(value);
        }
        if (type == BigDecimal.class) {
            return BigDecimal.valueOf(value);
        }
        if (type == ULong.class) {
            return ULong.valueOf(value);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> val(Object value, DataType<T> type) {
        return DSL.val((T) value, type);
    }
}
