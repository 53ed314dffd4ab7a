package dev.kysera.rls;

/**
 * Receives row-level security decisions ({@link RlsOptions.Builder#decisions}): every denial and
 * role bypass, and a sample of allowed statements. Called on the executing thread after the
 * statement; must be thread-safe and quick (hand heavy work to a queue). An exception it throws is
 * logged and does not change the statement's outcome.
 */
@FunctionalInterface
public interface DecisionSink {

    /**
     * Records one decision.
     *
     * @param decision what was decided about one table of one statement
     */
    void record(RlsDecision decision);

    /**
     * The default sink.
     *
     * @return a sink that records nothing
     */
    static DecisionSink none() {
        return None.INSTANCE;
    }

    /**
     * A sink for applications without an audit store of their own.
     *
     * @return a sink logging one line per decision through {@link System.Logger}
     *         {@code dev.kysera.rls.decisions}: denials at WARNING, others at INFO
     */
    static DecisionSink logger() {
        return LoggingDecisionSink.INSTANCE;
    }

    /** The sink that records nothing. */
    enum None implements DecisionSink {
        /** The only instance. */
        INSTANCE;

        @Override
        public void record(RlsDecision decision) {
            // Audit is off.
        }
    }
}
