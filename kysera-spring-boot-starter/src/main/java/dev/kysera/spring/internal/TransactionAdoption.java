package dev.kysera.spring.internal;

import dev.kysera.executor.Executor;
import dev.kysera.executor.ExternalTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes every transaction Spring begins on the executor's DataSource ({@code @Transactional},
 * {@code TransactionTemplate}, test-managed transactions) a transaction of the executor, so the
 * plugins' transaction observers (audit's flush, native RLS settings, after-commit callbacks) run
 * on Spring-managed commits and rollbacks, and Kysera's nested transactions become savepoints.
 * Transactions Kysera itself began through {@link SpringTransactions} are Kysera's already.
 */
public final class TransactionAdoption implements TransactionExecutionListener {

    private final DataSourceTransactionManager manager;
    private final Supplier<Executor> executor;
    private final Supplier<DataSource> dataSource;

    public TransactionAdoption(DataSourceTransactionManager manager, Supplier<Executor> executor, Supplier<DataSource> dataSource) {
        this.manager = manager;
        this.executor = executor;
        this.dataSource = dataSource;
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        if (beginFailure != null || !transaction.isNewTransaction() || transaction.isNested()
                || !TransactionSynchronizationManager.isSynchronizationActive() || !sameDataSource()) {
            return;
        }
        if (transaction.isReadOnly()) {
            enforceReadOnly(transaction);
        }
        if (SpringTransactions.beginningOnThisThread()) {
            return;
        }
        Executor kysera = executor.get();
        if (kysera.transaction().isPresent()) {
            // Never throw here: Spring has begun the transaction and would leak it. SpringTransactions refuses the suspension before.
            return;
        }
        ExternalTransaction adopted = kysera.adoptTransaction();
        TransactionSynchronizationManager.registerSynchronization(new Completion(adopted));
    }

    /**
     * Spring sets read-only on the connection but only logs a driver that refuses (SQLite's, on an
     * open connection): the transaction would then write. SQLite connections are made query-only
     * for the transaction instead; on any other driver that ignored it the transaction is rolled
     * back and refused.
     */
    private void enforceReadOnly(TransactionExecution transaction) {
        DataSource target = manager.getDataSource();
        Connection connection = DataSourceUtils.getConnection(target);
        String refusal;
        try {
            if (connection.isReadOnly()) {
                return;
            }
            if (ReadOnlyConnections.isSqlite(connection)) {
                ReadOnlyConnections.queryOnly(connection, true);
                TransactionSynchronizationManager.registerSynchronization(new QueryOnlyReset(connection));
                return;
            }
            refusal = "The JDBC driver did not make the connection of a read-only transaction read-only ("
                    + connection.getMetaData().getDatabaseProductName() + "); the transaction is refused rather than run writable";
        } catch (SQLException e) {
            refusal = "Cannot make the connection of a read-only transaction read-only: " + e.getMessage();
        } finally {
            DataSourceUtils.releaseConnection(connection, target);
        }
        // Thrown from begin, so nothing of the caller runs; roll back first so the connection goes back.
        if (transaction instanceof TransactionStatus status) {
            manager.rollback(status);
        }
        throw new IllegalStateException(refusal);
    }

    /** Lets the connection write again once its read-only transaction is over, before Spring releases it. */
    private record QueryOnlyReset(Connection connection) implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCompletion(int status) {
            try {
                ReadOnlyConnections.queryOnly(connection, false);
            } catch (SQLException e) {
                // The connection stays query-only: later writes on it fail loudly, none runs unguarded.
                throw new IllegalStateException("Cannot switch SQLite's query_only off after a read-only transaction", e);
            }
        }
    }

    private boolean sameDataSource() {
        DataSource ours = DataSources.target(dataSource.get());
        return DataSources.target(manager.getDataSource()) == ours;
    }

    /** Reports Spring's outcome to the adopted transaction. */
    private record Completion(ExternalTransaction adopted) implements TransactionSynchronization {

        @Override
        public void suspend() {
            adopted.suspend();
        }

        @Override
        public void resume() {
            adopted.resume();
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            adopted.beforeCommit();
        }

        @Override
        public void afterCompletion(int status) {
            adopted.completed(status == STATUS_COMMITTED, null);
        }
    }
}
