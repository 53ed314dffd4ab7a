package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A TCP proxy on loopback in front of a database server, which a test can stop (the listener closes
 * and every connection through it is cut, as when the server goes down) and start again on the
 * same port. One virtual thread per direction and connection.
 */
final class LoopbackProxy implements AutoCloseable {

    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private int port;

    LoopbackProxy(int targetPort) {
        this.targetPort = targetPort;
        start();
    }

    int port() {
        return port;
    }

    /** A proxy in front of the server of {@code db} (PostgreSQL or MariaDB on their default ports). */
    static LoopbackProxy before(TestDatabase db) {
        return new LoopbackProxy(serverPort(db));
    }

    private static int serverPort(TestDatabase db) {
        return db.engine() == Engine.POSTGRES ? 5432 : 3306;
    }

    /** A small pool with short timeouts that connects to {@code db} through this proxy. */
    HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl().replace("127.0.0.1:" + serverPort(db), "127.0.0.1:" + port));
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(500);
        config.setValidationTimeout(250);
        return new HikariDataSource(config);
    }

    /**
     * Calls {@code call} every 600 ms until it succeeds, for at most 15 s, and returns its answer (null
     * if it never succeeded): half-open probes may first get a connection cut while the server was away.
     */
    static <T> T untilRecovered(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(600);
            try {
                return call.get();
            } catch (TransientDatabaseException stillRecovering) {
                assertThat(stillRecovering.kind()).isEqualTo(TransientDatabaseException.Kind.CONNECTION_LOST);
            } catch (CircuitOpenException stillOpen) {
                // the breaker's wait in the open state is not over yet
            }
        }
        return null;
    }

    void start() {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = server.getLocalPort();
            listener = server;
            Thread.ofVirtual().name("proxy-accept").start(() -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the listener and cuts every connection: new connections are refused. */
    void stop() {
        closeQuietly(listener);
        sockets.forEach(LoopbackProxy::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("proxy-pump").start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException cut) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        stop();
    }
}
