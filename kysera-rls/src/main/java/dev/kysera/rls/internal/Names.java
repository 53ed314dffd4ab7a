package dev.kysera.rls.internal;

import java.util.Locale;

/** Validation of the names options and policies are given. Not API. */
public final class Names {

    private Names() {
    }

    /**
     * The name, lower-cased, if it is an SQL identifier.
     *
     * @throws IllegalArgumentException naming {@code what} and the bad value
     */
    public static String identifier(String what, String value) {
        if (value == null || !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid " + what + ": '" + value + "' (expected an SQL identifier)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * The value if it is neither null nor blank.
     *
     * @throws IllegalArgumentException naming {@code what} and the bad value
     */
    public static String nonBlank(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid " + what + ": '" + value + "' (must not be blank)");
        }
        return value;
    }
}
