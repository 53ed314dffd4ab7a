package dev.kysera.micrometer;

import dev.kysera.executor.StatementKind;
import dev.kysera.executor.plan.StatementPlan;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a statement observation knows, for conventions and handlers: filled when the statement is
 * about to be sent, completed with rows and failure when it returned. Written by
 * {@link MicrometerPlugin} on the executing thread only.
 *
 * <p>It is a {@link SenderContext} of kind {@link Kind#CLIENT}, so tracing handlers make database
 * client spans (the conventions' span kind); nothing is propagated to the database.
 */
public final class StatementObservationContext extends SenderContext<Object> {

    private final StatementPlan plan;
    private final String dbSystemName;
    private final DatabaseTarget target;
    private final String operationName;
    private final String collectionName;
    private final String querySummary;
    private final String queryText;
    private final List<String> parameters;
    private final int batchSize;
    private final List<String> plugins;
    private final Long transactionId;
    private Long returnedRows;
    private Long affectedRows;
    private String errorType;
    private String sqlState;
    private boolean refused;

    StatementObservationContext(StatementPlan plan, String dbSystemName, DatabaseTarget target, String operationName,
                                String collectionName, String querySummary, String queryText, List<String> parameters,
                                int batchSize, Long transactionId) {
        super((carrier, key, value) -> {
            // JDBC has no headers to carry trace context.
        }, Kind.CLIENT);
        this.plan = plan;
        this.dbSystemName = dbSystemName;
        this.target = target;
        this.operationName = operationName;
        this.collectionName = collectionName;
        this.querySummary = querySummary;
        this.queryText = queryText;
        this.parameters = List.copyOf(parameters);
        this.batchSize = batchSize;
        this.plugins = plan.changedBy();
        this.transactionId = transactionId;
    }

    void completed(Long returnedRows, Long affectedRows) {
        this.returnedRows = returnedRows;
        this.affectedRows = affectedRows;
    }

    void failed(RuntimeException failure, String errorType, String sqlState, boolean refused) {
        setError(failure);
        this.errorType = errorType;
        this.sqlState = sqlState;
        this.refused = refused;
    }

    /** The executor's plan of the statement (opaque for statements refused before they were planned). */
    public StatementPlan plan() {
        return plan;
    }

    /** The statement's kind as the database runs it. */
    public StatementKind kind() {
        return plan.kind();
    }

    /** The OpenTelemetry {@code db.system.name}. */
    public String dbSystemName() {
        return dbSystemName;
    }

    /** Database, namespace and server, as far as they are known. */
    public DatabaseTarget target() {
        return target;
    }

    /** The {@code db.operation.name}. */
    public String operationName() {
        return operationName;
    }

    /** The {@code db.collection.name}, already bounded ({@value DbObservationDocumentation#OTHER} beyond the cap). */
    public Optional<String> collectionName() {
        return Optional.ofNullable(collectionName);
    }

    /** The {@code db.query.summary}, like {@code SELECT users posts}. */
    public String querySummary() {
        return querySummary;
    }

    /** The SQL as sent, cut to the configured length; present only when query text is included. */
    public Optional<String> queryText() {
        return Optional.ofNullable(queryText);
    }

    /** Rendered bind values of the first executed row; empty unless bind values are included. */
    public List<String> parameters() {
        return parameters;
    }

    /** Executions of a JDBC batch; 0 for a single statement. */
    public int batchSize() {
        return batchSize;
    }

    /** The plugins that changed or judged the statement, in run order. */
    public List<String> plugins() {
        return plugins;
    }

    /** The executor's transaction id, if the statement ran in a transaction begun through it. */
    public OptionalLong transactionId() {
        return transactionId == null ? OptionalLong.empty() : OptionalLong.of(transactionId);
    }

    /** Rows a SELECT returned; empty before it returned, on failure, and for other statements. */
    public OptionalLong returnedRows() {
        return returnedRows == null ? OptionalLong.empty() : OptionalLong.of(returnedRows);
    }

    /** Rows a write affected; empty before it returned, on failure, and for SELECTs. */
    public OptionalLong affectedRows() {
        return affectedRows == null ? OptionalLong.empty() : OptionalLong.of(affectedRows);
    }

    /** The {@code error.type} of a failure: the Kysera error code, else the exception's class name. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** The SQLSTATE of a failure, when the driver gave one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** Whether it failed before it was executed: refused by a plugin or the executor, or rejected while prepared. */
    public boolean failedBeforeExecution() {
        return refused;
    }
}
