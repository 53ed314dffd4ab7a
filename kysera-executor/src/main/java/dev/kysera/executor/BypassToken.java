package dev.kysera.executor;

import java.util.Objects;

/**
 * A capability to bypass a fail-closed plugin: a plugin with {@link Enforcement} accepts tokens it
 * created itself and hands them only to code that may see every row (migrations, a system job).
 * Compared by identity; holding the token is the permission, so keep it out of request code.
 */
public final class BypassToken {

    private final String purpose;

    private BypassToken(String purpose) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    /** A new token, distinct from every other; {@code purpose} says what it is for, in logs. */
    public static BypassToken create(String purpose) {
        return new BypassToken(purpose);
    }

    /** What the token is for. */
    public String purpose() {
        return purpose;
    }

    @Override
    public String toString() {
        return "BypassToken[" + purpose + "]";
    }
}
