package dev.kysera.micrometer.internal;

import dev.kysera.micrometer.DatabaseTarget;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.jooq.SQLDialect;

/** Reads where a connection goes: its namespace from the connection, its server from the JDBC URL. */
public final class Targets {

    private Targets() {
    }

    /** What {@code connection} tells; never throws (an unreadable part stays unknown). */
    public static DatabaseTarget of(Connection connection, SQLDialect dialect) {
        String catalog = quietly(connection::getCatalog);
        String schema = quietly(connection::getSchema);
        String url = quietly(() -> connection.getMetaData().getURL());
        String namespace = switch (dialect.family().name()) {
            // The conventions qualify PostgreSQL's schema by its database: database|schema.
            case "POSTGRES" -> catalog == null ? schema : schema == null ? catalog : catalog + "|" + schema;
            case "MARIADB", "MYSQL" -> catalog;
            default -> catalog != null ? catalog : schema;
        };
        Server server = server(url, dialect);
        return new DatabaseTarget(blankToNull(namespace), server == null ? null : server.host(), server == null ? 0 : server.port());
    }

    record Server(String host, int port) {
    }

    /** The host and port of a network JDBC URL ({@code jdbc:postgresql://host:port/db}); null for embedded ones. */
    static Server server(String url, SQLDialect dialect) {
        if (url == null || !url.startsWith("jdbc:")) {
            return null;
        }
        String rest = url.substring("jdbc:".length());
        int scheme = rest.indexOf("://");
        if (scheme < 0) {
            return null; // jdbc:sqlite:…, jdbc:h2:mem:…, jdbc:h2:file — embedded, no server
        }
        String authority = rest.substring(scheme + 3);
        int end = indexOfAny(authority, "/?;");
        authority = end < 0 ? authority : authority.substring(0, end);
        int at = authority.lastIndexOf('@');
        authority = at < 0 ? authority : authority.substring(at + 1);
        int comma = authority.indexOf(',');
        authority = comma < 0 ? authority : authority.substring(0, comma); // failover lists: the first host
        if (authority.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI("db://" + authority);
            if (uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(rest.substring(0, scheme), dialect);
            return new Server(host.toLowerCase(Locale.ROOT), port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static int defaultPort(String subprotocol, SQLDialect dialect) {
        return switch (subprotocol) {
            case "postgresql" -> 5432;
            case "mariadb", "mysql" -> 3306;
            case "h2:tcp", "h2:ssl" -> 9092;
            default -> dialect.family() == SQLDialect.POSTGRES ? 5432 : 0;
        };
    }

    private static int indexOfAny(String value, String characters) {
        for (int i = 0; i < value.length(); i++) {
            if (characters.indexOf(value.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private interface SqlSupplier {
        String get() throws SQLException;
    }

    private static String quietly(SqlSupplier supplier) {
        try {
            return supplier.get();
        } catch (SQLException | RuntimeException e) {
            // Drivers may not implement a part (SQLite's getSchema); that part stays unknown.
            return null;
        }
    }
}
