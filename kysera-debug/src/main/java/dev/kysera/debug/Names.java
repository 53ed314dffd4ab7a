package dev.kysera.debug;

import java.util.Objects;

/** Validation shared by the options of this package. */
final class Names {

    private Names() {
    }

    static String requireName(String value, String plugin) {
        Objects.requireNonNull(value, "name");
        if (value.isBlank()) {
            throw new IllegalArgumentException("The " + plugin + " plugin's name must not be blank");
        }
        return value;
    }

    static int atLeast(int value, int minimum, String what) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }
}
