package dev.kysera.infra.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads how far the node behind a connection is behind its primary, where the database reports it:
 * PostgreSQL ({@code pg_is_in_recovery()}, WAL positions, {@code pg_last_xact_replay_timestamp()})
 * and MySQL/MariaDB ({@code SHOW REPLICA STATUS}). Not API.
 *
 * @param replica whether the node is a replica
 * @param lag     the lag, {@code null} if it is no replica or the lag is unknown
 * @param problem why the lag is unknown on a replica, or {@code null}
 */
public record ReplicationLag(boolean replica, Duration lag, String problem) {

    private static final ReplicationLag NONE = new ReplicationLag(false, null, null);

    // Caught up when everything received was replayed: an idle primary sends no transactions, so
    // "now minus the last replayed commit" alone would grow without any real lag.
    private static final String POSTGRES = """
            SELECT pg_is_in_recovery(),
                   CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END,
                   (SELECT status FROM pg_stat_wal_receiver LIMIT 1)""";

    /**
     * The lag of the node behind {@code connection}; nodes of other databases are no replicas.
     *
     * @throws SQLException if the database refuses the query (e.g. a MySQL user without the
     *                      privilege to read replica status)
     */
    public static ReplicationLag read(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return postgres(connection);
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return mysql(connection);
        }
        return NONE;
    }

    private static ReplicationLag postgres(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(POSTGRES)) {
            row.next();
            if (!row.getBoolean(1)) {
                return NONE;
            }
            double seconds = row.getDouble(2);
            boolean known = !row.wasNull();
            String receiver = row.getString(3);
            if (!"streaming".equals(receiver)) {
                // A replica that lost its primary has replayed all it received: it looks caught up but is not.
                return new ReplicationLag(true, null, "replica not streaming from its primary (WAL receiver: "
                        + (receiver == null ? "none" : receiver) + "), lag unknown");
            }
            if (!known) {
                return new ReplicationLag(true, null, "replica has replayed no transaction yet, lag unknown");
            }
            return new ReplicationLag(true, Duration.ofNanos(Math.round(Math.max(0, seconds) * 1e9)), null);
        }
    }

    private static ReplicationLag mysql(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = replicaStatus(statement)) {
            if (!row.next()) {
                return NONE;
            }
            long seconds = row.getLong(column(row, "Seconds_Behind_Master", "Seconds_Behind_Source"));
            if (row.wasNull()) {
                return new ReplicationLag(true, null, "replica threads not running (Seconds_Behind_Master is NULL), lag unknown");
            }
            return new ReplicationLag(true, Duration.ofSeconds(seconds), null);
        }
    }

    private static ResultSet replicaStatus(Statement statement) throws SQLException {
        try {
            return statement.executeQuery("SHOW REPLICA STATUS"); // MariaDB 10.5+, MySQL 8.0.22+
        } catch (SQLException older) {
            return statement.executeQuery("SHOW SLAVE STATUS");
        }
    }

    private static int column(ResultSet row, String... names) throws SQLException {
        var meta = row.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            for (String name : names) {
                if (name.equalsIgnoreCase(meta.getColumnLabel(i))) {
                    return i;
                }
            }
        }
        throw new SQLException("replica status has no column " + String.join(" or ", names));
    }
}
