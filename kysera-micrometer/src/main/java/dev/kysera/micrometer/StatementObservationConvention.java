package dev.kysera.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a statement observation and chooses its key values. Implement it (or extend
 * {@link DefaultStatementObservationConvention}) and pass it to
 * {@link MicrometerOptions.Builder#statementConvention}, or register it as a global convention.
 */
public interface StatementObservationConvention extends ObservationConvention<StatementObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof StatementObservationContext;
    }
}
