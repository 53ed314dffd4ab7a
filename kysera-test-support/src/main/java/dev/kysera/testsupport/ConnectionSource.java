package dev.kysera.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for tests that decide how connections are made (or refused): implement
 * {@link #connect()}; everything else is the inert part of the interface.
 */
public abstract class ConnectionSource implements DataSource {

    /** A new connection, or the failure a test wants the code under test to meet. */
    protected abstract Connection connect() throws SQLException;

    @Override
    public final Connection getConnection() throws SQLException {
        return connect();
    }

    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        return connect();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException(getClass().getSimpleName() + " wraps nothing");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
