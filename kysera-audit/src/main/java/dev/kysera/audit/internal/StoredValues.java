package dev.kysera.audit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Base64;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;

/**
 * Turns values read back from the audit log ({@link Json#normalize} forms: strings, longs,
 * doubles, booleans) into a column's Java type, strictly: a value that does not fit fails instead of
 * becoming {@code null}. The inverse of {@link Json#normalize} for the types it handles.
 */
public final class StoredValues {

    private StoredValues() {
    }

    /**
     * {@code stored} as {@code field}'s Java type (through its converter, if it has one).
     *
     * @throws IllegalArgumentException if the value cannot be that type
     */
    public static Object toColumn(Field<?> field, Object stored) {
        if (stored == null) {
            return null;
        }
        Converter<?, ?> converter = field.getConverter();
        if (converter != null && converter.fromType() != converter.toType() && !converter.toType().isInstance(stored)) {
            return fromDatabase(converter, toJava(converter.fromType(), stored));
        }
        return toJava(field.getType(), stored);
    }

    @SuppressWarnings("unchecked")
    private static <D, T> T fromDatabase(Converter<D, T> converter, Object value) {
        return converter.from((D) value);
    }

    private static Object toJava(Class<?> type, Object value) {
        if (type.isInstance(value)) {
            return value;
        }
        String text = value.toString();
        if (type == Long.class) {
            return value instanceof Number n ? n.longValue() : Long.valueOf(text);
        } else if (type == Integer.class) {
            return Math.toIntExact(((Number) toJava(Long.class, value)).longValue());
        } else if (type == Short.class) {
            return (short) Math.toIntExact(((Number) toJava(Long.class, value)).longValue());
        } else if (type == Byte.class) {
            return (byte) Math.toIntExact(((Number) toJava(Long.class, value)).longValue());
        } else if (type == BigDecimal.class) {
            return new BigDecimal(text);
        } else if (type == BigInteger.class) {
            return new BigInteger(text);
        } else if (type == Double.class) {
            return Double.valueOf(text);
        } else if (type == Float.class) {
            return Float.valueOf(text);
        } else if (type == Boolean.class) {
            return switch (text) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("Not a boolean: " + text);
            };
        }
        return temporalOrOther(type, text);
    }

    private static Object temporalOrOther(Class<?> type, String text) {
        if (type == LocalDateTime.class) {
            return LocalDateTime.parse(text.replace(' ', 'T'));
        } else if (type == LocalDate.class) {
            return LocalDate.parse(text);
        } else if (type == LocalTime.class) {
            return LocalTime.parse(text);
        } else if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse(text.replace(' ', 'T'));
        } else if (type == OffsetTime.class) {
            return OffsetTime.parse(text);
        } else if (type == Instant.class) {
            return Instant.parse(text);
        } else if (type == java.sql.Timestamp.class) {
            return java.sql.Timestamp.valueOf(LocalDateTime.parse(text.replace(' ', 'T')));
        } else if (type == java.sql.Date.class) {
            return java.sql.Date.valueOf(LocalDate.parse(text));
        } else if (type == java.sql.Time.class) {
            return java.sql.Time.valueOf(LocalTime.parse(text));
        } else if (type == UUID.class) {
            return UUID.fromString(text);
        } else if (type == byte[].class) {
            return Base64.getDecoder().decode(text);
        } else if (type == JSON.class) {
            return JSON.json(text);
        } else if (type == JSONB.class) {
            return JSONB.jsonb(text);
        } else if (type == String.class || type == Object.class) {
            return text;
        }
        throw new IllegalArgumentException("Values of type " + type.getName() + " cannot be restored from the audit log");
    }
}
