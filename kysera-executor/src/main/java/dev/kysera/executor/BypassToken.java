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

    /**
     * Creates a new token, distinct from every other, even one with the same purpose.
     *
     * @param purpose what the token is for, shown in logs and messages
     * @return the token; only the plugin that accepts it, and code it hands it to, should hold it
     * @throws NullPointerException if {@code purpose} is null
     */
    public static BypassToken create(String purpose) {
        return new BypassToken(purpose);
    }

    /**
     * What the token is for.
     *
     * @return the purpose given to {@link #create(String)}
     */
    public String purpose() {
        return purpose;
    }

    @Override
    public String toString() {
        return "BypassToken[" + purpose + "]";
    }
}
