package dev.kysera.core.filter.internal;

import dev.kysera.core.error.BadRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.Converter;
import org.jooq.EnumType;
import org.jooq.Field;

/**
 * Converts a value from run-time input (a JSON scalar or a query-parameter string) to a column's
 * Java type, strictly: no truncation ({@code "18.7"} is not an Integer), no silent {@code null} for
 * unparseable text (jOOQ's deprecated {@code DataType.convert} returns {@code null} for
 * {@code "abc"} → Integer), no objects or lists where a scalar belongs.
 */
public final class FilterValues {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_NUMBER_TEXT = 100;
    private static final int MAX_INTEGER_DIGITS = 40;

    private FilterValues() {
    }

    /** True for the values a filter accepts as one scalar. */
    public static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Temporal || value instanceof UUID
                || value instanceof Enum<?> || value instanceof java.util.Date;
    }

    /**
     * {@code raw} (not null) as the column's Java type.
     *
     * @throws BadRequestException naming the column when the value is not a scalar or not valid for the type
     */
    public static <T> T convert(Field<T> field, String column, Object raw) {
        if (!isScalar(raw)) {
            throw new BadRequestException("Filter column '" + column + "' expects a single value, got " + Inputs.kind(raw));
        }
        Class<T> type = field.getType();
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        Object direct = toJava(type, raw, column);
        if (direct != UNSUPPORTED) {
            return type.cast(direct);
        }
        Converter<?, T> converter = field.getConverter();
        if (converter != null && converter.fromType() != converter.toType()) {
            return fromDatabaseType(converter, raw, column);
        }
        throw new BadRequestException("Filter column '" + column + "' of type " + type.getSimpleName()
                + " cannot be compared with a value from input");
    }

    private static <D, T> T fromDatabaseType(Converter<D, T> converter, Object raw, String column) {
        Object dbValue = converter.fromType().isInstance(raw) ? raw : toJava(converter.fromType(), raw, column);
        if (dbValue == UNSUPPORTED) {
            throw new BadRequestException("Filter column '" + column + "' of type "
                    + converter.toType().getSimpleName() + " cannot be compared with a value from input");
        }
        T converted;
        try {
            converted = converter.from(converter.fromType().cast(dbValue));
        } catch (RuntimeException e) {
            throw invalid(column, raw, converter.toType(), e);
        }
        if (converted == null) {
            throw invalid(column, raw, converter.toType(), null);
        }
        return converted;
    }

    private static final Object UNSUPPORTED = new Object();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object toJava(Class<?> type, Object raw, String column) {
        try {
            if (type == String.class) {
                return raw.toString();
            }
            if (type == Integer.class || type == int.class) {
                return exactInteger(raw, column, type).intValueExact();
            }
            if (type == Long.class || type == long.class) {
                return exactInteger(raw, column, type).longValueExact();
            }
            if (type == Short.class || type == short.class) {
                return exactInteger(raw, column, type).shortValueExact();
            }
            if (type == Byte.class || type == byte.class) {
                return exactInteger(raw, column, type).byteValueExact();
            }
            if (type == BigInteger.class) {
                return exactInteger(raw, column, type).toBigIntegerExact();
            }
            if (type == BigDecimal.class) {
                return decimal(raw, column, type);
            }
            if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
                double d = raw instanceof Number n && !(raw instanceof BigDecimal) ? n.doubleValue() : decimal(raw, column, type).doubleValue();
                if (!Double.isFinite(d)) {
                    throw invalid(column, raw, type, null);
                }
                return type == Float.class || type == float.class ? (Object) (float) d : (Object) d;
            }
            if (type == Boolean.class || type == boolean.class) {
                return bool(raw, column);
            }
            if (type == Character.class || type == char.class) {
                String s = text(raw, column, type);
                if (s.length() != 1) {
                    throw invalid(column, raw, type, null);
                }
                return s.charAt(0);
            }
            if (type == UUID.class) {
                String s = text(raw, column, type).strip();
                if (!UUID_PATTERN.matcher(s).matches()) {
                    throw invalid(column, raw, type, null);
                }
                return UUID.fromString(s);
            }
            if (type == LocalDate.class) {
                return LocalDate.parse(text(raw, column, type).strip());
            }
            if (type == LocalDateTime.class) {
                return localDateTime(text(raw, column, type).strip());
            }
            if (type == LocalTime.class) {
                return LocalTime.parse(text(raw, column, type).strip());
            }
            if (type == OffsetDateTime.class) {
                return OffsetDateTime.parse(text(raw, column, type).strip().replace(' ', 'T'));
            }
            if (type == Instant.class) {
                return Instant.parse(text(raw, column, type).strip().replace(' ', 'T'));
            }
            if (type == java.sql.Timestamp.class) {
                return java.sql.Timestamp.valueOf(localDateTime(text(raw, column, type).strip()));
            }
            if (type == java.sql.Date.class) {
                return java.sql.Date.valueOf(LocalDate.parse(text(raw, column, type).strip()));
            }
            if (type == java.sql.Time.class) {
                return java.sql.Time.valueOf(LocalTime.parse(text(raw, column, type).strip()));
            }
            if (type.isEnum()) {
                return enumConstant((Class) type, raw, column);
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw invalid(column, raw, type, e);
        }
        return UNSUPPORTED;
    }

    private static String text(Object raw, String column, Class<?> type) {
        if (raw instanceof CharSequence || raw instanceof Character) {
            return raw.toString();
        }
        throw invalid(column, raw, type, null);
    }

    private static BigDecimal exactInteger(Object raw, String column, Class<?> type) {
        BigDecimal value = decimal(raw, column, type);
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw invalid(column, raw, type, null);
        }
        // fails for 18.7; 18.0 is fine
        value.toBigIntegerExact();
        return value;
    }

    private static BigDecimal decimal(Object raw, String column, Class<?> type) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                throw invalid(column, raw, type, null);
            }
            return new BigDecimal(Double.toString(d));
        }
        if (raw instanceof CharSequence) {
            String s = raw.toString().strip();
            if (s.isEmpty() || s.length() > MAX_NUMBER_TEXT) {
                throw invalid(column, raw, type, null);
            }
            BigDecimal d = new BigDecimal(s);
            if (Math.abs((long) d.scale()) > 1000) {
                throw invalid(column, raw, type, null);
            }
            return d;
        }
        throw invalid(column, raw, type, null);
    }

    private static Boolean bool(Object raw, String column) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw invalid(column, raw, Boolean.class, null);
        };
    }

    private static LocalDateTime localDateTime(String s) {
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    private static <E extends Enum<E>> E enumConstant(Class<E> type, Object raw, String column) {
        String s = text(raw, column, type);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(s) || constant instanceof EnumType e && s.equals(e.getLiteral())) {
                return constant;
            }
        }
        throw invalid(column, raw, type, null);
    }

    private static BadRequestException invalid(String column, Object raw, Class<?> type, Throwable cause) {
        return new BadRequestException("Filter column '" + column + "': " + Inputs.quote(raw) + " is not a valid "
                + type.getSimpleName(), cause);
    }

    /** True for a list-shaped input value (a {@link Collection} or an object array). */
    public static boolean isList(Object value) {
        return value instanceof Collection<?> || value instanceof Object[];
    }

    /** A list-shaped input value as a collection; call only when {@link #isList} is true. */
    public static Collection<?> asList(Object value) {
        return value instanceof Object[] array ? java.util.Arrays.asList(array) : (Collection<?>) value;
    }

    /** True for an object-shaped input value. */
    public static boolean isObject(Object value) {
        return value instanceof Map<?, ?>;
    }
}
