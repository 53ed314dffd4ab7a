package dev.kysera.infra.internal;

import java.time.Duration;
import java.util.Objects;

/** Validation for the options builders: each failure names the option and the value given. */
public final class Check {

    private Check() {
    }

    /** {@code value} when it is neither null nor blank. */
    public static String notBlank(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value} when it is positive, else an {@link IllegalArgumentException} naming it. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** {@code value} when it is zero or positive. */
    public static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** {@code value} when it is at least {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** {@code value} when {@code min <= value < maxExclusive} (or {@code <= max} when {@code inclusive}). */
    public static double within(String name, double value, double min, double max, boolean inclusive) {
        boolean ok = value >= min && (inclusive ? value <= max : value < max);
        if (!ok || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + (inclusive ? "]" : ")") + ", was " + value);
        }
        return value;
    }

    /** Fails unless {@code lower <= upper}, naming both options. */
    public static void ordered(String lowerName, Duration lower, String upperName, Duration upper) {
        if (lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException(lowerName + " (" + lower + ") must not exceed " + upperName + " (" + upper + ")");
        }
    }
}
