package dev.kysera.audit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.JSONValue;
import org.jooq.tools.json.ParseException;

/**
 * The audit log's value format: column values become JSON-safe values (integers as numbers,
 * decimals as exact strings, temporals as ISO-8601 strings, bytes as Base64), so old and new values
 * compare equal whatever JDBC type they were read with, and survive a round trip without loss.
 */
public final class Json {

    private Json() {
    }

    /** The JSON-safe form of a column value. */
    public static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Byte b -> b.longValue();
            case Short s -> s.longValue();
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger i -> i.bitLength() < 64 ? (Object) i.longValue() : i.toString();
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case org.jooq.types.UNumber u -> normalize(u.toBigInteger());
            case Float f -> f.doubleValue();
            case Double d -> d;
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case TemporalAccessor t -> t.toString();
            case UUID u -> u.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case JSON j -> j.data();
            case JSONB j -> j.data();
            default -> value.toString();
        };
    }

    /**
     * A JSON object text of these (already normalized) values, in map order. The text is exactly
     * jOOQ's {@link JSONValue#toJSONString} (stored keys are looked up by their text, so it must never
     * change), written without its per-character {@code StringBuffer} appends: audit writes several
     * of these per changed row.
     */
    public static String write(Map<String, ?> values) {
        StringBuilder json = new StringBuilder(64);
        writeObject(values, json);
        return json.toString();
    }

    /** A JSON array text of these strings, as {@link #write(Map)} writes it. */
    public static String write(List<String> values) {
        StringBuilder json = new StringBuilder(16 * values.size() + 2);
        writeArray(values, json);
        return json.toString();
    }

    private static void writeObject(Map<?, ?> values, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            writeString(String.valueOf(entry.getKey()), json);
            json.append(':');
            writeValue(entry.getValue(), json);
        }
        json.append('}');
    }

    private static void writeArray(List<?> values, StringBuilder json) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            writeValue(values.get(i), json);
        }
        json.append(']');
    }

    private static void writeValue(Object value, StringBuilder json) {
        switch (value) {
            case null -> json.append("null");
            case String s -> writeString(s, json);
            case Long l -> json.append(l.longValue());
            case Integer i -> json.append(i.intValue());
            case Boolean b -> json.append(b.booleanValue());
            case Map<?, ?> map -> writeObject(map, json);
            case List<?> list -> writeArray(list, json);
            // Floating point (NaN, infinities) and anything else: jOOQ's own rules.
            default -> json.append(JSONValue.toJSONString(value));
        }
    }

    /** A quoted string with jOOQ's escapes: quote, backslash, slash, the short control escapes, and a six-character hex escape for the rest. */
    private static void writeString(String text, StringBuilder json) {
        json.append('"');
        int plain = 0;
        while (plain < text.length() && !escaped(text.charAt(plain))) {
            plain++;
        }
        // Most values need no escape: their text goes in at once, not a char at a time.
        json.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '/' -> json.append("\\/");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c <= '\u001F' || c >= '\u007F' && c <= '\u009F' || c >= '\u2000' && c <= '\u20FF') {
                        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
                        json.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Whether {@link #writeString} writes {@code c} as an escape. */
    private static boolean escaped(char c) {
        return c == '"' || c == '\\' || c == '/' || c <= '\u001F' || c >= '\u007F' && c <= '\u009F' || c >= '\u2000' && c <= '\u20FF';
    }

    /** Parses a JSON object written by {@link #write(Map)}; null or blank gives an empty map. */
    public static Map<String, Object> readObject(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Object parsed = parse(text);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalStateException("Audit value is not a JSON object: " + text);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    /** Parses a JSON array of strings; null or blank gives an empty list. */
    public static List<String> readStrings(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (!(parse(text) instanceof List<?> list)) {
            throw new IllegalStateException("Audit value is not a JSON array: " + text);
        }
        List<String> result = new ArrayList<>(list.size());
        list.forEach(item -> result.add(String.valueOf(item)));
        return List.copyOf(result);
    }

    private static Object parse(String text) {
        try {
            return new JSONParser().parse(text);
        } catch (ParseException e) {
            throw new IllegalStateException("Corrupt JSON in the audit log: " + text, e);
        }
    }
}
