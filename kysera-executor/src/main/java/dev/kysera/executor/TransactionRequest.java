package dev.kysera.executor;

import java.util.Optional;
import org.jooq.Isolation;

/**
 * One request for a transaction, as a {@link TransactionRunner} sees it.
 *
 * @param isolation the isolation level asked for, or {@code null} for the connection's default
 * @param readOnly  whether the transaction is read-only
 * @param nested    whether it runs inside another transaction, as a savepoint (runners must not retry it)
 */
public record TransactionRequest(Isolation isolation, boolean readOnly, boolean nested) {

    /**
     * The isolation level asked for.
     *
     * @return the level, or empty for the connection's default
     */
    public Optional<Isolation> isolationLevel() {
        return Optional.ofNullable(isolation);
    }
}
