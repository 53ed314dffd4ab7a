package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;

/**
 * A statement ran through the executor of a transaction that already committed or rolled back:
 * it would escape its transaction, so it is refused. Use the executor the transaction was begun from.
 */
public class TransactionEndedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of this exception, {@value}. */
    public static final String CODE = "TRANSACTION_ENDED";

    /** The refusal of a statement run through an ended transaction's executor. */
    public TransactionEndedException() {
        super(CODE, "This executor belongs to a transaction that has ended; run the statement outside it or in a new transaction");
    }
}
