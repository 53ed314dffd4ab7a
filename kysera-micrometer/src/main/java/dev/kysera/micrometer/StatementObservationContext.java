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

    /**
     * The executor's plan of the statement (opaque for statements refused before they were planned).
     *
     * @return the plan
     */
    public StatementPlan plan() {
        return plan;
    }

    /**
     * The statement's kind as the database runs it.
     *
     * @return {@code plan().kind()}
     */
    public StatementKind kind() {
        return plan.kind();
    }

    /**
     * The OpenTelemetry {@code db.system.name}.
     *
     * @return e.g. {@code postgresql}, {@code mariadb}, {@code sqlite}, {@code h2database}
     */
    public String dbSystemName() {
        return dbSystemName;
    }

    /**
     * Database, namespace and server, as far as they are known.
     *
     * @return the target; {@link DatabaseTarget#UNKNOWN} before a connection was seen
     */
    public DatabaseTarget target() {
        return target;
    }

    /**
     * The {@code db.operation.name}.
     *
     * @return e.g. {@code SELECT}, {@code INSERT}
     */
    public String operationName() {
        return operationName;
    }

    /**
     * The {@code db.collection.name}, already bounded ({@value DbObservationDocumentation#OTHER} beyond the cap).
     *
     * @return the written table, else the first table read; empty for statements without tables and
     *         for batches whose statements name different tables
     */
    public Optional<String> collectionName() {
        return Optional.ofNullable(collectionName);
    }

    /**
     * The {@code db.query.summary}, like {@code SELECT users posts}.
     *
     * @return the summary, never null
     */
    public String querySummary() {
        return querySummary;
    }

    /**
     * The SQL as sent, cut to the configured length; present only when query text is included.
     *
     * @return the text, or empty
     */
    public Optional<String> queryText() {
        return Optional.ofNullable(queryText);
    }

    /**
     * Rendered bind values of the first executed row; empty unless bind values are included.
     *
     * @return the rendered values, immutable
     */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * Executions of a JDBC batch; 0 for a single statement.
     *
     * @return the batch size, or 0
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The plugins that changed or judged the statement, in run order.
     *
     * @return plugin names, immutable
     */
    public List<String> plugins() {
        return plugins;
    }

    /**
     * The executor's transaction id, if the statement ran in a transaction begun through it.
     *
     * @return the {@linkplain dev.kysera.executor.TransactionHandle#id() id}, or empty
     */
    public OptionalLong transactionId() {
        return transactionId == null ? OptionalLong.empty() : OptionalLong.of(transactionId);
    }

    /**
     * Rows a SELECT returned; empty before it returned, on failure, and for other statements.
     *
     * @return the row count, or empty
     */
    public OptionalLong returnedRows() {
        return returnedRows == null ? OptionalLong.empty() : OptionalLong.of(returnedRows);
    }

    /**
     * Rows a write affected; empty before it returned, on failure, and for SELECTs.
     *
     * @return the row count, or empty
     */
    public OptionalLong affectedRows() {
        return affectedRows == null ? OptionalLong.empty() : OptionalLong.of(affectedRows);
    }

    /**
     * The {@code error.type} of a failure: the Kysera error code, else the exception's class name.
     *
     * @return the error type, or empty on success
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * The SQLSTATE of a failure, when the driver gave one.
     *
     * @return the SQLSTATE, or empty
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * Whether it failed before it was executed: refused by a plugin or the executor, or rejected while prepared.
     *
     * @return true if nothing reached the database
     */
    public boolean failedBeforeExecution() {
        return refused;
    }
}
