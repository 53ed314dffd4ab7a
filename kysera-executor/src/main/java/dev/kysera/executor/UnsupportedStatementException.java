package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;

/**
 * A statement was refused because an active plugin could not be applied to it, and running it
 * unfiltered would be wrong: MERGE into a filtered table, an upsert whose update part cannot be
 * filtered on this dialect, plain SQL that cannot be parsed while a fail-closed plugin is active,
 * or re-executing a kept statement with stale context. Nothing was sent to the database.
 */
public class UnsupportedStatementException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of this exception, {@value}. */
    public static final String CODE = "UNSUPPORTED_STATEMENT";

    /**
     * A refusal.
     *
     * @param message what was refused and what to do instead
     */
    public UnsupportedStatementException(String message) {
        super(CODE, message);
    }

    /**
     * A refusal caused by another failure.
     *
     * @param message what was refused and what to do instead
     * @param cause   the failure that made the statement unmodellable, e.g. the parser's
     */
    public UnsupportedStatementException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
