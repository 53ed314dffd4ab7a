package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;

/** A statement or transaction was started on an executor (or a view of it) after it was closed. */
public class ExecutorClosedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of this exception, {@value}. */
    public static final String CODE = "EXECUTOR_CLOSED";

    /** The refusal of work on a closed executor. */
    public ExecutorClosedException() {
        super(CODE, "The executor was closed; build a new one");
    }
}
