package dev.kysera.executor.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.ConverterContext;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteType;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Routine;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;

/**
 * An execution as a user's jOOQ {@code ExecuteListener} sees it once the statement was planned:
 * everything is the execution's own, except that {@link #query()} is the statement that runs (with
 * plugins' filters and values) rather than the object the caller built.
 */
final class PlannedQueryContext implements ExecuteContext {

    private final ExecuteContext delegate;
    private final Query query;

    PlannedQueryContext(ExecuteContext delegate, Query query) {
        this.delegate = delegate;
        this.query = query;
    }

    @Override
    public ConverterContext converterContext() {
        return delegate.converterContext();
    }

    @Override
    public Connection connection() {
        return delegate.connection();
    }

    @Override
    public ExecuteType type() {
        return delegate.type();
    }

    @Override
    public Query query() {
        return query;
    }

    @Override
    public ExecuteContext.BatchMode batchMode() {
        return delegate.batchMode();
    }

    @Override
    public Query[] batchQueries() {
        return delegate.batchQueries();
    }

    @Override
    public Routine<?> routine() {
        return delegate.routine();
    }

    @Override
    public String sql() {
        return delegate.sql();
    }

    @Override
    public void sql(String arg0) {
        delegate.sql(arg0);
    }

    @Override
    public Param<?>[] params() {
        return delegate.params();
    }

    @Override
    public void params(Param<?>[] arg0) {
        delegate.params(arg0);
    }

    @Override
    public int skipUpdateCounts() {
        return delegate.skipUpdateCounts();
    }

    @Override
    public void skipUpdateCounts(int arg0) {
        delegate.skipUpdateCounts(arg0);
    }

    @Override
    public String[] batchSQL() {
        return delegate.batchSQL();
    }

    @Override
    public void connectionProvider(ConnectionProvider arg0) {
        delegate.connectionProvider(arg0);
    }

    @Override
    public PreparedStatement statement() {
        return delegate.statement();
    }

    @Override
    public void statement(PreparedStatement arg0) {
        delegate.statement(arg0);
    }

    @Override
    public int statementExecutionCount() {
        return delegate.statementExecutionCount();
    }

    @Override
    public ResultSet resultSet() {
        return delegate.resultSet();
    }

    @Override
    public void resultSet(ResultSet arg0) {
        delegate.resultSet(arg0);
    }

    @Override
    public int recordLevel() {
        return delegate.recordLevel();
    }

    @Override
    public Record record() {
        return delegate.record();
    }

    @Override
    public void record(Record arg0) {
        delegate.record(arg0);
    }

    @Override
    public int rows() {
        return delegate.rows();
    }

    @Override
    public long rowsLarge() {
        return delegate.rowsLarge();
    }

    @Override
    public void rows(int arg0) {
        delegate.rows(arg0);
    }

    @Override
    public void rowsLarge(long arg0) {
        delegate.rowsLarge(arg0);
    }

    @Override
    public int[] batchRows() {
        return delegate.batchRows();
    }

    @Override
    public long[] batchRowsLarge() {
        return delegate.batchRowsLarge();
    }

    @Override
    public int resultLevel() {
        return delegate.resultLevel();
    }

    @Override
    public Result<?> result() {
        return delegate.result();
    }

    @Override
    public void result(Result<?> arg0) {
        delegate.result(arg0);
    }

    @Override
    public RuntimeException exception() {
        return delegate.exception();
    }

    @Override
    public void exception(RuntimeException arg0) {
        delegate.exception(arg0);
    }

    @Override
    public SQLException sqlException() {
        return delegate.sqlException();
    }

    @Override
    public void sqlException(SQLException arg0) {
        delegate.sqlException(arg0);
    }

    @Override
    public SQLWarning sqlWarning() {
        return delegate.sqlWarning();
    }

    @Override
    public void sqlWarning(SQLWarning arg0) {
        delegate.sqlWarning(arg0);
    }

    @Override
    public String[] serverOutput() {
        return delegate.serverOutput();
    }

    @Override
    public void serverOutput(String[] arg0) {
        delegate.serverOutput(arg0);
    }

    @Override
    public Instant creationTime() {
        return delegate.creationTime();
    }

    @Override
    public Configuration configuration() {
        return delegate.configuration();
    }

    @Override
    public DSLContext dsl() {
        return delegate.dsl();
    }

    @Override
    public Settings settings() {
        return delegate.settings();
    }

    @Override
    public SQLDialect dialect() {
        return delegate.dialect();
    }

    @Override
    public SQLDialect family() {
        return delegate.family();
    }

    @Override
    public Map<Object, Object> data() {
        return delegate.data();
    }

    @Override
    public Object data(Object arg0) {
        return delegate.data(arg0);
    }

    @Override
    public Object data(Object arg0, Object arg1) {
        return delegate.data(arg0, arg1);
    }
}
