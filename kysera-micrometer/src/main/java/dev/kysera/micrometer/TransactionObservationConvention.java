package dev.kysera.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a transaction observation and chooses its key values. Implement it (or extend
 * {@link DefaultTransactionObservationConvention}) and pass it to
 * {@link MicrometerOptions.Builder#transactionConvention}, or register it as a global convention.
 */
public interface TransactionObservationConvention extends ObservationConvention<TransactionObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof TransactionObservationContext;
    }
}
