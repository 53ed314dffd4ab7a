package dev.kysera.micrometer;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where statements go, as read once from the first connection the plugin saw: the namespace
 * ({@code db.namespace}) and the server ({@code server.address}, {@code server.port}) of network
 * databases. Embedded databases (SQLite, in-memory H2) have no server.
 *
 * @param namespace the database, for PostgreSQL {@code database|schema}; {@code null} if unknown
 * @param address   the host from the JDBC URL; {@code null} for embedded databases or unknown URLs
 * @param port      the port, the driver's default when the URL names none; 0 if unknown
 */
public record DatabaseTarget(String namespace, String address, int port) {

    /** Nothing known. */
    public static final DatabaseTarget UNKNOWN = new DatabaseTarget(null, null, 0);

    /**
     * Validates the port.
     *
     * @throws IllegalArgumentException naming the port when it is not 0 to 65,535
     */
    public DatabaseTarget {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (unknown) or a TCP port, was " + port);
        }
    }

    /**
     * The namespace ({@code db.namespace}), if known.
     *
     * @return the namespace, or empty
     */
    public Optional<String> namespaceName() {
        return Optional.ofNullable(namespace);
    }

    /**
     * The server host ({@code server.address}), if known.
     *
     * @return the host, or empty
     */
    public Optional<String> serverAddress() {
        return Optional.ofNullable(address);
    }

    /**
     * The server port ({@code server.port}), if known.
     *
     * @return the port, or empty when {@link #port()} is 0
     */
    public OptionalInt serverPort() {
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }
}
