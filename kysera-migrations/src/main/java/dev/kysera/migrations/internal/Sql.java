package dev.kysera.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for the locks' own statements, which must not go through a recorder. */
final class Sql {

    private Sql() {
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String queryString(Connection connection, String sql, Object... binds) throws SQLException {
        Object value = query(connection, sql, binds);
        return value == null ? null : value.toString();
    }

    static boolean queryBoolean(Connection connection, String sql, Object... binds) throws SQLException {
        return Boolean.TRUE.equals(query(connection, sql, binds));
    }

    static Integer queryInteger(Connection connection, String sql, Object... binds) throws SQLException {
        Object value = query(connection, sql, binds);
        return value == null ? null : ((Number) value).intValue();
    }

    private static Object query(Connection connection, String sql, Object... binds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
