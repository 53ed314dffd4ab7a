package dev.kysera.micrometer;

import dev.kysera.executor.TransactionHandle;
import io.micrometer.observation.Observation;
import java.util.Optional;
import org.jooq.Isolation;

/**
 * What a transaction or savepoint observation knows: opened when it began, completed when it
 * committed (was released) or rolled back. Written by {@link MicrometerPlugin} on the
 * transaction's thread only.
 */
public final class TransactionObservationContext extends Observation.Context {

    /** How a transaction ended. */
    public enum Outcome {
        /** Still open. */
        OPEN,
        /** Committed (a savepoint: released). */
        COMMIT,
        /** Rolled back. */
        ROLLBACK
    }

    private final long transactionId;
    private final int depth;
    private final Isolation isolation;
    private final boolean readOnly;
    private final boolean external;
    private final String dbSystemName;
    private final DatabaseTarget target;
    private Outcome outcome = Outcome.OPEN;
    private String errorType;
    private int statements;

    TransactionObservationContext(TransactionHandle transaction, String dbSystemName, DatabaseTarget target) {
        this.transactionId = transaction.id();
        this.depth = transaction.depth();
        this.isolation = transaction.isolation().orElse(null);
        this.readOnly = transaction.readOnly();
        this.external = transaction.external();
        this.dbSystemName = dbSystemName;
        this.target = target;
    }

    void statementRan() {
        statements++;
    }

    void committed() {
        outcome = Outcome.COMMIT;
    }

    void rolledBack(Throwable cause, String errorType) {
        outcome = Outcome.ROLLBACK;
        this.errorType = errorType;
        if (cause != null) {
            setError(cause);
        }
    }

    /**
     * The executor's id of the transaction.
     *
     * @return the {@linkplain TransactionHandle#id() id}, shared by the transaction's savepoints
     */
    public long transactionId() {
        return transactionId;
    }

    /**
     * How deeply the transaction or savepoint is nested.
     *
     * @return 0 for a transaction, 1 for a savepoint in it, 2 for a savepoint in that one, and so on
     */
    public int depth() {
        return depth;
    }

    /**
     * Whether this is a savepoint (a nested transaction), not the outermost transaction.
     *
     * @return true when {@link #depth()} is above 0
     */
    public boolean savepoint() {
        return depth > 0;
    }

    /**
     * The isolation level the executor began the transaction with (a savepoint's is its
     * transaction's); empty for the connection's default and for adopted transactions.
     *
     * @return the level, or empty
     */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /**
     * Whether the executor began the transaction read-only (false for adopted transactions: see {@link #external()}).
     *
     * @return true if begun read-only
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Whether someone else (Spring, say) began the transaction and the executor adopted it: isolation and read-only are unknown.
     *
     * @return true for an adopted transaction
     */
    public boolean external() {
        return external;
    }

    /**
     * The OpenTelemetry {@code db.system.name}.
     *
     * @return e.g. {@code postgresql}
     */
    public String dbSystemName() {
        return dbSystemName;
    }

    /**
     * Database, namespace and server, as far as they are known.
     *
     * @return the target; {@link DatabaseTarget#UNKNOWN} before a connection was seen
     */
    public DatabaseTarget target() {
        return target;
    }

    /**
     * How it ended, {@link Outcome#OPEN} while it runs.
     *
     * @return the outcome so far
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Why it rolled back: the Kysera error code, else the cause's class name.
     *
     * @return the error type, or empty unless it rolled back because of a known cause
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * Statements observed in it so far (for a transaction, its savepoints' included).
     *
     * @return the count so far
     */
    public int statements() {
        return statements;
    }
}
