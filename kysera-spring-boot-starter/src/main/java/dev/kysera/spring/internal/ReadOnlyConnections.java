package dev.kysera.spring.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.sql.ResultSet;

/**
 * Read-only transactions whose driver cannot make the open connection read-only. SQLite's driver
 * refuses {@code setReadOnly} once a connection is open and Spring only logs that, so the
 * transaction would write; SQLite's {@code PRAGMA query_only} makes the connection refuse every
 * write instead (reads, and the transaction's commit, still work), and is switched off when the
 * transaction completes.
 */
public final class ReadOnlyConnections {

    private ReadOnlyConnections() {
    }

    /** Whether {@code connection} is a SQLite connection (which {@link #enforce} can make read-only). */
    public static boolean isSqlite(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
    }

    /** Whether writes on {@code connection} are refused: JDBC read-only, or SQLite's {@code query_only}. */
    public static boolean inForce(Connection connection) throws SQLException {
        if (connection.isReadOnly()) {
            return true;
        }
        if (!isSqlite(connection)) {
            return false;
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA query_only")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** Makes a SQLite connection refuse writes ({@code on}) or accept them again. */
    public static void queryOnly(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
        }
    }
}
