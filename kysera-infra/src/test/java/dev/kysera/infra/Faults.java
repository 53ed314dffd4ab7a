package dev.kysera.infra;

import dev.kysera.core.error.DatabaseErrorDetails;
import dev.kysera.core.error.TransientDatabaseException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A real data source whose {@code getConnection} can refuse (database down), hang, or be slow;
     * everything else goes to the real one.
     */
    static final class FaultyDataSource {
        private final DataSource real;
        private volatile Mode mode = Mode.UP;
        private volatile Duration delay = Duration.ZERO;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger mostInside = new AtomicInteger();
        private final DataSource proxy;

        FaultyDataSource(DataSource real) {
            this.real = real;
            this.proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (self, method, args) -> method.getName().equals("getConnection") ? connect() : forward(method, args));
        }

        private Object forward(java.lang.reflect.Method method, Object[] args) throws Throwable {
            return FlakyStatements.invoke(real, method, args);
        }

        /** The data source to hand to the code under test. */
        DataSource dataSource() {
            return proxy;
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

        private Connection connect() throws SQLException {
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
    }

    /**
     * A real data source whose statements fail as if the connection had been cut: the next
     * {@link #failNext(int)} executions throw {@code 08006} (connection failure) without reaching the database;
     * after {@link #failNextRolledBack(int)} they throw {@code 40001}, as a statement the database rolled back.
     */
    static final class FlakyStatements {
        private final DataSource real;
        private final AtomicInteger toFail = new AtomicInteger();
        private final AtomicInteger executions = new AtomicInteger();
        private final DataSource proxy;
        private volatile boolean rolledBack;

        FlakyStatements(DataSource real) {
            this.real = real;
            this.proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (self, method, args) -> method.getName().equals("getConnection")
                            ? wrap(Connection.class, invoke(real, method, args), this::statements) : invoke(real, method, args));
        }

        DataSource dataSource() {
            return proxy;
        }

        /** The next {@code count} statement executions fail. */
        void failNext(int count) {
            rolledBack = false;
            toFail.set(count);
        }

        /** The next {@code count} statement executions fail with a serialization failure: nothing of them applied. */
        void failNextRolledBack(int count) {
            rolledBack = true;
            toFail.set(count);
        }

        /** How many statement executions were attempted, failed ones included. */
        int executions() {
            return executions.get();
        }

        private Object statements(Object connection, java.lang.reflect.Method method, Object[] args) throws Throwable {
            Object result = invoke(connection, method, args);
            return method.getName().equals("prepareStatement") ? wrap(java.sql.PreparedStatement.class, result, this::executions) : result;
        }

        private Object executions(Object statement, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("execute")) {
                executions.incrementAndGet();
                if (toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    if (rolledBack) {
                        throw new java.sql.SQLTransactionRollbackException("could not serialize access due to concurrent update", "40001");
                    }
                    throw new java.sql.SQLNonTransientConnectionException("An I/O error occurred while sending to the backend", "08006");
                }
            }
            return invoke(statement, method, args);
        }

        private interface Handler {
            Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
        }

        private static <T> T wrap(Class<T> type, Object target, Handler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (self, method, args) -> handler.handle(target, method, args)));
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
