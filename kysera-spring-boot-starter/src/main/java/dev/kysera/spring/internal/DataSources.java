package dev.kysera.spring.internal;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Helpers to reach the DataSource Spring binds transactions to. */
public final class DataSources {

    private DataSources() {
    }

    /** {@code dataSource} without Spring's delegating wrappers (transaction-aware and lazy proxies). */
    public static DataSource target(DataSource dataSource) {
        DataSource current = dataSource;
        while (current instanceof DelegatingDataSource delegating && delegating.getTargetDataSource() != null) {
            current = delegating.getTargetDataSource();
        }
        return current;
    }

    /** {@code dataSource} made to hand out the connection of the Spring transaction open on the thread, if any. */
    public static DataSource transactionAware(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
    }
}
