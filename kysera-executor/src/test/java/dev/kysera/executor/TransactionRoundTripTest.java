package dev.kysera.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.jooq.DSLContext;
import org.jooq.Isolation;
import org.jooq.impl.DSL;

/**
 * Transactions cost the database no round trip beyond what hand-written JDBC sends for the same
 * work. Round trips are counted where the database sees them: on PostgreSQL as the flushes of the
 * connection's socket (pgjdbc flushes once per request, and {@code getTransactionIsolation()} is a
 * {@code SHOW TRANSACTION ISOLATION LEVEL} request), on MariaDB as the session's {@code Questions}
 * status. jOOQ's own {@code transaction()} is counted beside them, to show the test sees the
 * isolation-level read it adds.
 */
class TransactionRoundTripTest {

    /** Counts flushes of the sockets it creates, per {@code socketFactoryArg} (one name per test connection). */
    public static final class CountingSocketFactory extends SocketFactory {
        static final Map<String, AtomicInteger> FLUSHES = new ConcurrentHashMap<>();
        private final AtomicInteger flushes;

        public CountingSocketFactory(String name) {
            flushes = FLUSHES.computeIfAbsent(name, key -> new AtomicInteger());
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public OutputStream getOutputStream() throws IOException {
                    OutputStream out = super.getOutputStream();
                    return new FilterOutputStream(out) {
                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            out.write(bytes, offset, length);
                        }

                        @Override
                        public void flush() throws IOException {
                            flushes.incrementAndGet();
                            out.flush();
                        }
                    };
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("pgjdbc connects through createSocket()");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("pgjdbc connects through createSocket()");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("pgjdbc connects through createSocket()");
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("pgjdbc connects through createSocket()");
        }
    }

    /** One connection and a way to count the round trips it made so far. */
    private interface Counted extends AutoCloseable {
        Connection connection();

        int roundTrips() throws SQLException;

        @Override
        default void close() throws SQLException {
            connection().close();
        }
    }

    private static Counted open(TestDatabase db) throws SQLException {
        if (db.engine() == Engine.POSTGRES) {
            String name = UUID.randomUUID().toString();
            String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "socketFactory="
                    + CountingSocketFactory.class.getName() + "&socketFactoryArg=" + name;
            Connection connection = DriverManager.getConnection(url);
            AtomicInteger flushes = CountingSocketFactory.FLUSHES.get(name);
            return new Counted() {
                @Override
                public Connection connection() {
                    return connection;
                }

                @Override
                public int roundTrips() {
                    return flushes.get();
                }
            };
        }
        Connection connection = db.newConnection();
        return new Counted() {
            private int reads;

            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public int roundTrips() throws SQLException {
                // the status query counts itself: leave out every earlier read
                try (Statement statement = connection.createStatement();
                     var rs = statement.executeQuery("show session status like 'Questions'")) {
                    rs.next();
                    return rs.getInt(2) - ++reads;
                }
            }
        };
    }

    /** What one unit of work costs through {@code work}, in round trips. */
    private interface Work {
        void run() throws Exception;
    }

    private static int roundTrips(Counted counted, Work work) throws Exception {
        int before = counted.roundTrips();
        work.run();
        return counted.roundTrips() - before;
    }

    private static void handWritten(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("select 1").close();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_transaction_sends_what_hand_written_jdbc_sends(TestDatabase db) throws Exception {
        try (Counted counted = open(db)) {
            DSLContext plain = DSL.using(counted.connection(), db.dialect());
            Executor executor = Executor.builder().dsl(plain).build();
            // warm up: drivers read session settings on first use
            handWritten(counted.connection());
            executor.transaction(tx -> tx.dsl().fetch("select 1"));
            plain.transaction(c -> c.dsl().fetch("select 1"));

            int jdbc = roundTrips(counted, () -> handWritten(counted.connection()));
            int kysera = roundTrips(counted, () -> executor.transaction(tx -> tx.dsl().fetch("select 1")));
            int jooq = roundTrips(counted, () -> plain.transaction(c -> c.dsl().fetch("select 1")));

            assertThat(jdbc).as("hand-written JDBC").isBetween(2, 4);
            assertThat(kysera).as("executor transaction").isEqualTo(jdbc);
            assertThat(jooq).as("jOOQ's transaction(): asks for the isolation level").isEqualTo(jdbc + 1);
            assertThat(counted.connection().getAutoCommit()).isTrue();
        }
    }

    /**
     * A connection that records every call the executor makes on it: the SQL it prepares or runs,
     * and isolation, auto-commit, commit and rollback calls (what the driver turns into round trips).
     */
    private static final class Recording {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final Connection connection;

        Recording(Connection target) {
            this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if (!name.equals("unwrap") && !name.equals("isWrapperFor") && !name.equals("toString")) {
                            calls.add(args != null && args.length > 0 && !(args[0] instanceof Object[]) ? name + "(" + args[0] + ")" : name);
                        }
                        try {
                            Object result = method.invoke(target, args);
                            return name.equals("createStatement") ? statement((Statement) result) : result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private Statement statement(Statement target) {
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("execute")) {
                            calls.add(method.getName() + "(" + args[0] + ")");
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** The calls that reach the database, in order. */
        List<String> sent() {
            return calls.stream().filter(call -> !call.startsWith("getAutoCommit") && !call.startsWith("isClosed")
                    && !call.startsWith("getMetaData")).toList();
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void jooqs_transaction_on_the_executors_context_sends_what_hand_written_jdbc_sends(TestDatabase db) throws Exception {
        try (Counted counted = open(db)) {
            Recording recording = new Recording(counted.connection());
            DSLContext plain = DSL.using(recording.connection, db.dialect());
            Executor executor = Executor.builder().dsl(plain).build();
            // warm up: drivers read session settings on first use
            handWritten(counted.connection());
            executor.dsl().transaction(c -> c.dsl().fetch("select 1"));
            plain.transaction(c -> c.dsl().fetch("select 1"));

            int jdbc = roundTrips(counted, () -> handWritten(counted.connection()));
            recording.calls.clear();
            int kysera = roundTrips(counted, () -> executor.dsl().transaction(c -> c.dsl().fetch("select 1")));
            List<String> kyseraCalls = recording.sent();
            recording.calls.clear();
            int jooq = roundTrips(counted, () -> plain.transaction(c -> c.dsl().fetch("select 1")));
            List<String> jooqCalls = recording.sent();

            assertThat(kysera).as("executor.dsl().transaction()").isEqualTo(jdbc);
            assertThat(kyseraCalls).containsExactly("setAutoCommit(false)", "prepareStatement(select 1)", "commit", "setAutoCommit(true)");
            assertThat(jooq).as("jOOQ's transaction() on a plain context: asks for the isolation level").isEqualTo(jdbc + 1);
            assertThat(jooqCalls).contains("getTransactionIsolation");
            assertThat(counted.connection().getAutoCommit()).isTrue();
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_savepoint_adds_only_its_own_round_trips(TestDatabase db) throws Exception {
        try (Counted counted = open(db)) {
            Executor executor = Executor.builder().dsl(DSL.using(counted.connection(), db.dialect())).build();
            executor.transaction(tx -> tx.transaction(nested -> nested.dsl().fetch("select 1")));
            int flat = roundTrips(counted, () -> executor.transaction(tx -> tx.dsl().fetch("select 1")));
            int nested = roundTrips(counted, () -> executor.transaction(tx -> tx.transaction(inner -> inner.dsl().fetch("select 1"))));
            // SAVEPOINT and RELEASE SAVEPOINT
            assertThat(nested).isEqualTo(flat + 2);
        }
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void an_isolation_level_asked_for_is_used_and_the_connections_own_restored(TestDatabase db) throws Exception {
        try (Counted counted = open(db)) {
            Connection connection = counted.connection();
            int before = connection.getTransactionIsolation();
            Executor executor = Executor.builder().dsl(DSL.using(connection, db.dialect())).build();
            int inside = executor.transactionResult(tx -> {
                try {
                    return connection.getTransactionIsolation();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, Isolation.SERIALIZABLE);
            assertThat(inside).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(connection.getTransactionIsolation()).isEqualTo(before);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }
}
