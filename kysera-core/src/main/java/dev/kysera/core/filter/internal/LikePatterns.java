package dev.kysera.core.filter.internal;

/**
 * LIKE pattern building. Patterns are escaped in Java and bound as values, always with
 * {@code ESCAPE '!'}: every engine then agrees on the escape character (SQLite has none by default,
 * the others use backslash), and backslash is an ordinary character everywhere.
 */
public final class LikePatterns {

    /** The escape character declared on every LIKE this package renders. */
    public static final char ESCAPE = '!';

    private LikePatterns() {
    }

    /** {@code value} with {@code !}, {@code %} and {@code _} escaped, so it matches only itself. */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ESCAPE || c == '%' || c == '_') {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A raw pattern whose {@code %} and {@code _} stay wildcards and whose other characters are literal. */
    public static String raw(String pattern) {
        if (pattern.indexOf(ESCAPE) < 0) {
            return pattern;
        }
        return pattern.replace("!", "!!");
    }
}
