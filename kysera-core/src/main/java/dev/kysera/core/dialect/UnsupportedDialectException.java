package dev.kysera.core.dialect;

import dev.kysera.core.error.KyseraException;

/**
 * The database or jOOQ dialect cannot be determined, or is one Kysera does not support with the
 * jOOQ Open Source Edition (e.g. SQL Server, or jOOQ's generic {@code DEFAULT} dialect).
 *
 * <p>A {@link KyseraException} rather than an {@link IllegalArgumentException} because the cause is
 * usually not an argument the caller just passed but the environment — a JDBC URL from
 * configuration, a {@code Configuration} built elsewhere, the server a pool connects to — and
 * callers (startup checks, the CLI) want one stable code, {@value #CODE}, to report it by.
 */
public class UnsupportedDialectException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of every unsupported or undeterminable dialect: {@value}. */
    public static final String CODE = "UNSUPPORTED_DIALECT";

    /**
     * Creates the exception.
     *
     * @param message what could not be determined or is unsupported, and what is supported
     */
    public UnsupportedDialectException(String message) {
        super(CODE, message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what could not be determined or is unsupported, and what is supported
     * @param cause   the underlying error, or {@code null}
     */
    public UnsupportedDialectException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
