package dev.kysera.core.error;

/**
 * The caller's input cannot be used: an unknown filter column or operator, a tampered or foreign
 * pagination cursor, an out-of-range argument. Safe to show to the client that sent the input; the
 * message never echoes secrets.
 */
public class BadRequestException extends KyseraException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "BAD_REQUEST";

    public BadRequestException(String message) {
        super(CODE, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(CODE, message, cause);
    }

    protected BadRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
