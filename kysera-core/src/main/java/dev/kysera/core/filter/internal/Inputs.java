package dev.kysera.core.filter.internal;

/** Makes untrusted input safe to quote in an error message: bounded length, no control characters. */
public final class Inputs {

    private static final int MAX_QUOTED = 64;

    private Inputs() {
    }

    /** {@code 'text'}, shortened to 64 characters with an ellipsis, control characters shown as '?'. */
    public static String quote(Object input) {
        if (input == null) {
            return "null";
        }
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 5).append('\'');
        int limit = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    /** A short name for the kind of a JSON-like value, for "expected a list, got an object" messages. */
    public static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "an object";
        }
        if (value instanceof java.util.Collection<?> || value instanceof Object[]) {
            return "a list";
        }
        if (value instanceof CharSequence) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
