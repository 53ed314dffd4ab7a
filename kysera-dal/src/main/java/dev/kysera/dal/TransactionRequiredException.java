package dev.kysera.dal;

import dev.kysera.core.error.KyseraException;

/**
 * A query that must run inside a transaction ({@link DbQuery#transactional}, {@link
 * DbQuery#requiresTransaction()}) was called on a context that is not in one. Nothing was executed.
 * A programming error, not a database failure: wrap the call in {@link Dal#withTransaction}.
 */
public class TransactionRequiredException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final String CODE = "TRANSACTION_REQUIRED";

    /**
     * Creates the exception with code {@value #CODE}.
     *
     * @param message which query needed a transaction, and how to give it one
     */
    public TransactionRequiredException(String message) {
        super(CODE, message);
    }
}
