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

    /** The offending parameter's name as the client sent it (the message holds it quoted and shortened). */
    private final String parameter;

    /**
     * Creates the exception; its message starts with the parameter's name, quoted and shortened.
     *
     * @param parameter the parameter's name as the client sent it, not null
     * @param message   what is wrong, safe to show to the client
     * @param cause     the underlying error, or {@code null}
     * @throws NullPointerException if {@code parameter} is null
     */
    public InvalidParameterException(String parameter, String message, Throwable cause) {
        // the name comes from the client: quoted, shortened, control characters masked
        super(CODE, "Parameter " + Inputs.quote(Objects.requireNonNull(parameter, "parameter")) + ": " + message, cause);
        this.parameter = parameter;
    }

    /**
     * The name of the offending parameter, as the client sent it.
     *
     * @return the parameter name, never null
     */
    public String parameter() {
        return parameter;
    }
}
