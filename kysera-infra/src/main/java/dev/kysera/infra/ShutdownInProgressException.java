package dev.kysera.infra;

import dev.kysera.core.error.KyseraException;

/**
 * A transaction was refused because {@link GracefulShutdown#shutdown} has begun. Not transient:
 * this instance will not take work again; callers should give the work to another instance.
 */
public class ShutdownInProgressException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final String CODE = "SHUTTING_DOWN";

    /** The refusal. */
    public ShutdownInProgressException() {
        super(CODE, "Shutting down: no new transactions are accepted");
    }
}
