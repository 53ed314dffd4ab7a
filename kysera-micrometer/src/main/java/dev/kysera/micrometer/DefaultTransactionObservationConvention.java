package dev.kysera.micrometer;

import static dev.kysera.micrometer.DbObservationDocumentation.NONE;

import dev.kysera.micrometer.DbObservationDocumentation.TransactionHighCardinalityKeys;
import dev.kysera.micrometer.DbObservationDocumentation.TransactionLowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The default transaction and savepoint convention: name {@code <prefix>.transaction} (or
 * {@code <prefix>.savepoint}, as constructed), span name {@code TRANSACTION} or {@code SAVEPOINT},
 * outcome, error type, isolation level and read-only as tags, the transaction id, depth and
 * statement count on spans. Extend it to add or change keys.
 */
public class DefaultTransactionObservationConvention implements TransactionObservationConvention {

    private final String name;

    /** The convention with the default name, {@code db.client.transaction}. */
    public DefaultTransactionObservationConvention() {
        this(DbObservationDocumentation.TRANSACTION.getName());
    }

    /**
     * The convention naming observations {@code name}.
     *
     * @param name the observation (and timer) name
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public DefaultTransactionObservationConvention(String name) {
        this.name = TargetKeys.requireName(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(TransactionObservationContext context) {
        return context.savepoint() ? "SAVEPOINT" : "TRANSACTION";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(TransactionObservationContext context) {
        String outcome = context.outcome() == TransactionObservationContext.Outcome.OPEN
                ? NONE : context.outcome().name().toLowerCase(Locale.ROOT);
        return KeyValues.of(
                KeyValue.of(TransactionLowCardinalityKeys.OUTCOME, outcome),
                KeyValue.of(TransactionLowCardinalityKeys.ERROR_TYPE, context.errorType().orElse(NONE)),
                KeyValue.of(TransactionLowCardinalityKeys.ISOLATION,
                        context.isolation().map(level -> level.name().toLowerCase(Locale.ROOT)).orElse(NONE)),
                KeyValue.of(TransactionLowCardinalityKeys.READ_ONLY, context.external() ? NONE : Boolean.toString(context.readOnly())))
                .and(TargetKeys.of(context.dbSystemName(), context.target()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(TransactionObservationContext context) {
        return KeyValues.of(
                KeyValue.of(TransactionHighCardinalityKeys.TRANSACTION_ID, Long.toString(context.transactionId())),
                KeyValue.of(TransactionHighCardinalityKeys.DEPTH, Integer.toString(context.depth())),
                KeyValue.of(TransactionHighCardinalityKeys.STATEMENTS, Integer.toString(context.statements())));
    }
}
