package dev.kysera.rls;

/**
 * Receives row-level security decisions ({@link RlsOptions.Builder#decisions}): every denial and
 * role bypass, and a sample of allowed statements. Called on the executing thread after the
 * statement; must be thread-safe and quick (hand heavy work to a queue). An exception it throws is
 * logged and does not change the statement's outcome.
 */
@FunctionalInterface
public interface DecisionSink {

    /** Records one decision. */
    void record(RlsDecision decision);

    /** Records nothing (the default). */
    static DecisionSink none() {
        return None.INSTANCE;
    }

    /** Logs decisions through {@link System.Logger} {@code dev.kysera.rls.decisions}: denials at WARNING, others at INFO. */
    static DecisionSink logger() {
        return LoggingDecisionSink.INSTANCE;
    }

    /** The sink that records nothing. */
    enum None implements DecisionSink {
        INSTANCE;

        @Override
        public void record(RlsDecision decision) {
            // Audit is off.
        }
    }
}
