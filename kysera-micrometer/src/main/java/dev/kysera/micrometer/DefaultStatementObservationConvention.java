package dev.kysera.micrometer;

import static dev.kysera.micrometer.DbObservationDocumentation.NONE;

import dev.kysera.micrometer.DbObservationDocumentation.StatementHighCardinalityKeys;
import dev.kysera.micrometer.DbObservationDocumentation.StatementLowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenTelemetry-style statement convention: name {@code <prefix>.operation}, span name the
 * query summary, every low-cardinality key of {@link StatementLowCardinalityKeys} always present,
 * high-cardinality keys only when they have a value. Extend it to add or change keys.
 */
public class DefaultStatementObservationConvention implements StatementObservationConvention {

    private final String name;

    /** The convention with the default name, {@code db.client.operation}. */
    public DefaultStatementObservationConvention() {
        this(DbObservationDocumentation.STATEMENT.getName());
    }

    /**
     * The convention naming observations {@code name}.
     *
     * @param name the observation (and timer) name
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public DefaultStatementObservationConvention(String name) {
        this.name = TargetKeys.requireName(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(StatementObservationContext context) {
        return context.querySummary();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
        return KeyValues.of(
                KeyValue.of(StatementLowCardinalityKeys.DB_OPERATION_NAME, context.operationName()),
                KeyValue.of(StatementLowCardinalityKeys.DB_COLLECTION_NAME, context.collectionName().orElse(NONE)),
                KeyValue.of(StatementLowCardinalityKeys.DB_RESPONSE_STATUS_CODE, context.sqlState().orElse(NONE)),
                KeyValue.of(StatementLowCardinalityKeys.ERROR_TYPE, context.errorType().orElse(NONE)))
                .and(TargetKeys.of(context.dbSystemName(), context.target()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(StatementObservationContext context) {
        List<KeyValue> values = new ArrayList<>(8);
        values.add(KeyValue.of(StatementHighCardinalityKeys.DB_QUERY_SUMMARY, context.querySummary()));
        context.queryText().ifPresent(text -> values.add(KeyValue.of(StatementHighCardinalityKeys.DB_QUERY_TEXT, text)));
        List<String> parameters = context.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            values.add(KeyValue.of("db.query.parameter." + i, parameters.get(i)));
        }
        if (context.batchSize() >= 2) {
            values.add(KeyValue.of(StatementHighCardinalityKeys.DB_OPERATION_BATCH_SIZE, Integer.toString(context.batchSize())));
        }
        context.returnedRows().ifPresent(rows ->
                values.add(KeyValue.of(StatementHighCardinalityKeys.DB_RESPONSE_RETURNED_ROWS, Long.toString(rows))));
        context.affectedRows().ifPresent(rows -> values.add(KeyValue.of(StatementHighCardinalityKeys.AFFECTED_ROWS, Long.toString(rows))));
        if (!context.plugins().isEmpty()) {
            values.add(KeyValue.of(StatementHighCardinalityKeys.PLUGINS, String.join(",", context.plugins())));
        }
        if (context.plan().writtenKind() != context.plan().kind()) {
            values.add(KeyValue.of(StatementHighCardinalityKeys.WRITTEN_OPERATION, context.plan().writtenKind().name()));
        }
        context.transactionId().ifPresent(id -> values.add(KeyValue.of(StatementHighCardinalityKeys.TRANSACTION_ID, Long.toString(id))));
        if (context.failedBeforeExecution()) {
            values.add(KeyValue.of(StatementHighCardinalityKeys.FAILED_BEFORE_EXECUTION, "true"));
        }
        return KeyValues.of(values);
    }
}
