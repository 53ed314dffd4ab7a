package dev.kysera.spring.internal;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Helpers to reach the DataSource Spring binds transactions to. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * The DataSource Spring's transaction manager binds transactions to for {@code dataSource}: it
     * unwraps a {@link TransactionAwareDataSourceProxy} and nothing else (other delegating data
     * sources are keys of their own), so Kysera looks up the same transaction as the manager.
     */
    public static DataSource target(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null
                ? proxy.getTargetDataSource() : dataSource;
    }

    /** {@code dataSource} made to hand out the connection of the Spring transaction open on the thread, if any. */
    public static DataSource transactionAware(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
    }
}
