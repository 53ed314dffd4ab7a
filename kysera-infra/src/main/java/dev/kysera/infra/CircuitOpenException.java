package dev.kysera.infra;

import dev.kysera.core.error.KyseraException;

/**
 * The circuit breaker is open (or half-open with all probes taken): the call was refused at once,
 * without touching the database. Transient: the same call may succeed once the database is back
 * and the breaker has closed. {@link KyseraRetry} does not retry it (failing fast is its point).
 */
public class CircuitOpenException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final String CODE = "CIRCUIT_OPEN";

    /** The name of the breaker that refused. */
    private final String breaker;

    /**
     * A refusal by the named breaker.
     *
     * @param breaker the circuit breaker's name
     * @param cause   Resilience4j's refusal
     */
    public CircuitOpenException(String breaker, Throwable cause) {
        super(CODE, "Circuit breaker '" + breaker + "' is open: the database failed recently, calls fail fast until a probe succeeds", cause);
        this.breaker = breaker;
    }

    /**
     * The circuit breaker's name.
     *
     * @return the circuit breaker's name
     */
    public String breaker() {
        return breaker;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
