package dev.kysera.core.error;

/**
 * The caller's input cannot be used: an unknown filter column or operator, a tampered or foreign
 * pagination cursor, an out-of-range argument. Safe to show to the client that sent the input; the
 * message never echoes secrets.
 */
public class BadRequestException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of bad input: {@value}. */
    public static final String CODE = "BAD_REQUEST";

    /**
     * Creates the exception with code {@value #CODE}.
     *
     * @param message what is wrong with the input, safe to show to the client
     */
    public BadRequestException(String message) {
        super(CODE, message);
    }

    /**
     * Creates the exception with code {@value #CODE} and a cause.
     *
     * @param message what is wrong with the input, safe to show to the client
     * @param cause   the underlying error, or {@code null}
     */
    public BadRequestException(String message, Throwable cause) {
        super(CODE, message, cause);
    }

    /**
     * For subclasses that refine the code.
     *
     * @param code    stable error code, never blank
     * @param message what is wrong with the input, safe to show to the client
     * @param cause   the underlying error, or {@code null}
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if {@code code} is blank
     */
    protected BadRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
