package dev.kysera.core.error;

import java.util.Objects;

/**
 * Root of every exception Kysera throws. Unchecked, with a stable machine-readable {@link #code()}
 * (e.g. {@code UNIQUE_VIOLATION}) that callers can switch on and that never changes between
 * versions, and a message written for a log line.
 */
public class KyseraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    stable error code, never blank
     * @param message what went wrong, in one line
     * @param cause   the underlying exception, or {@code null}
     */
    public KyseraException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireCode(code);
    }

    public KyseraException(String code, String message) {
        this(code, message, null);
    }

    private static String requireCode(String code) {
        if (Objects.requireNonNull(code, "code").isBlank()) {
            throw new IllegalArgumentException("error code must not be blank");
        }
        return code;
    }

    /** The stable error code, e.g. {@code UNIQUE_VIOLATION}. */
    public String code() {
        return code;
    }

    /**
     * Whether the same operation may succeed if retried unchanged (deadlock, serialization failure,
     * lock timeout, lost connection, SQLite busy). False unless a subclass says otherwise.
     */
    public boolean isTransient() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
