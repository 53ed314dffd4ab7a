package dev.kysera.micrometer;

import io.micrometer.observation.Observation;
import java.util.Optional;

/**
 * What a transaction observation knows: opened when the transaction began, completed when it
 * committed or rolled back. Written by {@link MicrometerPlugin} on the transaction's thread only.
 */
public final class TransactionObservationContext extends Observation.Context {

    /** How a transaction ended. */
    public enum Outcome {
        /** Still open. */
        OPEN,
        /** Committed. */
        COMMIT,
        /** Rolled back. */
        ROLLBACK
    }

    private final long transactionId;
    private final String dbSystemName;
    private final DatabaseTarget target;
    private Outcome outcome = Outcome.OPEN;
    private String errorType;
    private int statements;

    TransactionObservationContext(long transactionId, String dbSystemName, DatabaseTarget target) {
        this.transactionId = transactionId;
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

    /** The executor's id of the transaction. */
    public long transactionId() {
        return transactionId;
    }

    /** The OpenTelemetry {@code db.system.name}. */
    public String dbSystemName() {
        return dbSystemName;
    }

    /** Database, namespace and server, as far as they are known. */
    public DatabaseTarget target() {
        return target;
    }

    /** How it ended, {@link Outcome#OPEN} while it runs. */
    public Outcome outcome() {
        return outcome;
    }

    /** Why it rolled back: the Kysera error code, else the cause's class name. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** Statements observed in it so far (savepoints included). */
    public int statements() {
        return statements;
    }
}
