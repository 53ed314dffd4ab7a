package dev.kysera.spring.internal;

import dev.kysera.executor.Executor;
import dev.kysera.executor.ExternalTransaction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
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
                || SpringTransactions.beginningOnThisThread() || !TransactionSynchronizationManager.isSynchronizationActive()
                || !sameDataSource()) {
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
