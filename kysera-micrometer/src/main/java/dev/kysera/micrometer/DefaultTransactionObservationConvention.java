package dev.kysera.micrometer;

import static dev.kysera.micrometer.DbObservationDocumentation.NONE;

import dev.kysera.micrometer.DbObservationDocumentation.TransactionHighCardinalityKeys;
import dev.kysera.micrometer.DbObservationDocumentation.TransactionLowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The default transaction convention: name {@code <prefix>.transaction}, span name
 * {@code TRANSACTION}, outcome and error type as tags, the transaction id and statement count on
 * spans. Extend it to add or change keys.
 */
public class DefaultTransactionObservationConvention implements TransactionObservationConvention {

    private final String name;

    /** The convention with the default name, {@code db.client.transaction}. */
    public DefaultTransactionObservationConvention() {
        this(DbObservationDocumentation.TRANSACTION.getName());
    }

    /** The convention naming observations {@code name}. */
    public DefaultTransactionObservationConvention(String name) {
        this.name = TargetKeys.requireName(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(TransactionObservationContext context) {
        return "TRANSACTION";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(TransactionObservationContext context) {
        String outcome = context.outcome() == TransactionObservationContext.Outcome.OPEN
                ? NONE : context.outcome().name().toLowerCase(Locale.ROOT);
        return KeyValues.of(
                KeyValue.of(TransactionLowCardinalityKeys.OUTCOME, outcome),
                KeyValue.of(TransactionLowCardinalityKeys.ERROR_TYPE, context.errorType().orElse(NONE)))
                .and(TargetKeys.of(context.dbSystemName(), context.target()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(TransactionObservationContext context) {
        return KeyValues.of(
                KeyValue.of(TransactionHighCardinalityKeys.TRANSACTION_ID, Long.toString(context.transactionId())),
                KeyValue.of(TransactionHighCardinalityKeys.STATEMENTS, Integer.toString(context.statements())));
    }
}
