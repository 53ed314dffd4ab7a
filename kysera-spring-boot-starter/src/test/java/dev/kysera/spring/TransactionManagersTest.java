package dev.kysera.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.jta.JtaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** Transaction managers Kysera cannot join fail the start, naming the manager, instead of running Kysera on another connection. */
class TransactionManagersTest {

    /** A manager of some other resource: it binds no JDBC connection. */
    static final class ElsewhereTransactionManager extends AbstractPlatformTransactionManager {
        private static final long serialVersionUID = 1L;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private static UnsupportedTransactionManagerException refusal(TestDatabase db, PlatformTransactionManager manager) {
        db.useTestSchema();
        Throwable failure = catchThrowable(() -> Apps.start(db, TransactionApp.class, WebApplicationType.NONE,
                Map.<String, Object>of("transactionManager", manager)).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof UnsupportedTransactionManagerException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("cause of %s", failure).isNotNull();
        return (UnsupportedTransactionManagerException) cause;
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_jta_manager_is_refused_at_startup(TestDatabase db) {
        UserTransaction none = (UserTransaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UserTransaction.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        UnsupportedTransactionManagerException refused = refusal(db, new JtaTransactionManager(none));
        assertThat(refused.managerClass()).isEqualTo(JtaTransactionManager.class.getName());
        assertThat(refused).hasMessageStartingWith("Kysera cannot join the transactions of org.springframework.transaction.jta."
                + "JtaTransactionManager: it is not a DataSourceTransactionManager, so it binds no JDBC connection Kysera can use.");
    }

    @MatrixTest(only = Engine.SQLITE)
    void an_unknown_manager_and_a_manager_of_another_data_source_are_refused_at_startup(TestDatabase db) {
        assertThat(refusal(db, new ElsewhereTransactionManager()))
                .extracting(UnsupportedTransactionManagerException::managerClass).isEqualTo(ElsewhereTransactionManager.class.getName());
        DriverManagerDataSource other = new DriverManagerDataSource(db.jdbcUrl());
        assertThat(refusal(db, new DataSourceTransactionManager(other)))
                .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
                .startsWith("Kysera cannot join the transactions of org.springframework.jdbc.datasource.DataSourceTransactionManager: "
                        + "it manages the DataSource " + other + ", not the executor's ");
    }
}
