package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.filter.internal.Inputs;
import java.util.Objects;

/**
 * One request parameter cannot be used: an unknown filter column, a malformed value, a sort column
 * that is not allowed, a limit out of range, a tampered cursor. A {@link BadRequestException} (code
 * {@value BadRequestException#CODE}) that also names the {@link #parameter()}, so an HTTP layer can
 * answer 400 and point at the field.
 */
public class InvalidParameterException extends BadRequestException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter's name as the client sent it
     * @param message   what is wrong, safe to show to the client
     * @param cause     the underlying error, or {@code null}
     */
    public InvalidParameterException(String parameter, String message, Throwable cause) {
        // the name comes from the client: quoted, shortened, control characters masked
        super(CODE, "Parameter " + Inputs.quote(Objects.requireNonNull(parameter, "parameter")) + ": " + message, cause);
        this.parameter = parameter;
    }

    /** The name of the offending parameter, as the client sent it. */
    public String parameter() {
        return parameter;
    }
}
