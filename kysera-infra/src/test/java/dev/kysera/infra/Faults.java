package dev.kysera.infra;

import dev.kysera.core.error.DatabaseErrorDetails;
import dev.kysera.core.error.TransientDatabaseException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Errors and data sources for provoking failures the database cannot be asked to produce on cue. */
final class Faults {

    private Faults() {
    }

    /** A transient error of this kind, as the executor's translation produces it. */
    static TransientDatabaseException transientError(TransientDatabaseException.Kind kind) {
        return new TransientDatabaseException(kind, DatabaseErrorDetails.UNKNOWN, null);
    }

    /** How a {@link FaultyDataSource} hands out connections. */
    enum Mode { UP, REFUSE, HANG }

    /** A data source over a real one that can refuse connections (database down), hang, or be slow. */
    static final class FaultyDataSource implements DataSource {
        private final DataSource real;
        private volatile Mode mode = Mode.UP;
        private volatile Duration delay = Duration.ZERO;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger mostInside = new AtomicInteger();

        FaultyDataSource(DataSource real) {
            this.real = real;
        }

        FaultyDataSource mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        FaultyDataSource delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** How many connections were asked for. */
        int requests() {
            return requests.get();
        }

        /** The most threads that were asking for a connection at the same time. */
        int mostConcurrentRequests() {
            return mostInside.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            requests.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                switch (mode) {
                    case REFUSE -> throw new SQLTransientConnectionException("Connection refused", "08001");
                    case HANG -> sleep(Duration.ofMinutes(5)); // interrupted by the health check past its timeout
                    case UP -> sleep(delay);
                }
                return real.getConnection();
            } finally {
                inside.decrementAndGet();
            }
        }

        private static void sleep(Duration duration) throws SQLException {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while connecting", "08001", e);
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
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
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
