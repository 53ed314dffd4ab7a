package dev.kysera.core.error;

import java.util.Objects;

/**
 * Root of every exception Kysera throws. Unchecked, with a stable machine-readable {@link #code()}
 * (e.g. {@code UNIQUE_VIOLATION}) that callers can switch on and that never changes between
 * versions, and a message written for a log line.
 */
public class KyseraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code, serialized with the exception. */
    private final String code;

    /**
     * Creates an exception with a code, a message and a cause.
     *
     * @param code    stable error code, never blank
     * @param message what went wrong, in one line
     * @param cause   the underlying exception, or {@code null}
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if {@code code} is blank
     */
    public KyseraException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireCode(code);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param code    stable error code, never blank
     * @param message what went wrong, in one line
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if {@code code} is blank
     */
    public KyseraException(String code, String message) {
        this(code, message, null);
    }

    private static String requireCode(String code) {
        if (Objects.requireNonNull(code, "code").isBlank()) {
            throw new IllegalArgumentException("error code must not be blank");
        }
        return code;
    }

    /**
     * The stable error code, e.g. {@code UNIQUE_VIOLATION}.
     *
     * @return the code, never blank
     */
    public String code() {
        return code;
    }

    /**
     * Whether the same operation may succeed if retried unchanged (deadlock, serialization failure,
     * lock timeout, lost connection, SQLite busy). False unless a subclass says otherwise.
     *
     * @return true if a retry may succeed
     */
    public boolean isTransient() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
