package dev.kysera.infra.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.kysera.infra.StandbyStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads how far the node behind a connection is behind its primary, where the database reports it:
 * PostgreSQL ({@code pg_is_in_recovery()}, WAL positions, {@code pg_last_xact_replay_timestamp()})
 * and MySQL/MariaDB ({@code SHOW REPLICA STATUS}). Not API.
 *
 * On a primary it also reads the primary's view of its replicas: {@code pg_stat_replication} on
 * PostgreSQL, the registered replicas ({@code SHOW REPLICA HOSTS}) on MySQL/MariaDB.
 *
 * @param replica  whether the node is a replica
 * @param lag      the lag, {@code null} if it is no replica or the lag is unknown
 * @param problem  why the lag is unknown on a replica, or {@code null}
 * @param standbys the replicas of this node when it is a primary, else empty
 */
public record ReplicationLag(boolean replica, Duration lag, String problem, List<StandbyStatus> standbys) {

    private static final ReplicationLag NONE = new ReplicationLag(false, null, null, List.of());
    private static final String REGISTERED = "registered";
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the statement needs a privilege the user lacks. */
    private static final int ACCESS_DENIED = 1227;


    private static final String STANDBYS = """
            SELECT application_name, host(client_addr), state, EXTRACT(EPOCH FROM replay_lag) FROM pg_stat_replication
            ORDER BY application_name, client_addr""";

    /** Copies the standbys. */
    public ReplicationLag {
        standbys = List.copyOf(standbys);
    }

    /** A replica whose lag is unknown, for this reason. */
    public static ReplicationLag unknown(String problem) {
        return new ReplicationLag(true, null, problem, List.of());
    }

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
     * @param timeoutSeconds the query timeout of each statement, at least 1
     * @throws SQLException if the database refuses the query (e.g. a MySQL user without the
     *                      privilege to read replica status) or does not answer in time
     */
    public static ReplicationLag read(Connection connection, int timeoutSeconds) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return postgres(connection, timeoutSeconds);
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return mysql(connection, timeoutSeconds);
        }
        return NONE;
    }

    private static Statement statement(Connection connection, int timeoutSeconds) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setQueryTimeout(Math.max(1, timeoutSeconds));
        return statement;
    }

    private static ReplicationLag postgres(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = statement(connection, timeoutSeconds); ResultSet row = statement.executeQuery(POSTGRES)) {
            row.next();
            if (!row.getBoolean(1)) {
                return new ReplicationLag(false, null, null, standbys(connection, timeoutSeconds));
            }
            double seconds = row.getDouble(2);
            boolean known = !row.wasNull();
            String receiver = row.getString(3);
            if (!"streaming".equals(receiver)) {
                // A replica that lost its primary has replayed all it received: it looks caught up but is not.
                return unknown("replica not streaming from its primary (WAL receiver: " + (receiver == null ? "none" : receiver)
                        + "), lag unknown");
            }
            if (!known) {
                return unknown("replica has replayed no transaction yet, lag unknown");
            }
            return new ReplicationLag(true, seconds(seconds), null, List.of());
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(Math.max(0, seconds) * 1e9));
    }

    // pg_stat_replication shows rows only to superusers and pg_monitor members; others see none.
    private static List<StandbyStatus> standbys(Connection connection, int timeoutSeconds) throws SQLException {
        List<StandbyStatus> standbys = new ArrayList<>();
        try (Statement statement = statement(connection, timeoutSeconds); ResultSet row = statement.executeQuery(STANDBYS)) {
            while (row.next()) {
                double lag = row.getDouble(4);
                standbys.add(new StandbyStatus(row.getString(1), row.getString(2), row.getString(3), row.wasNull() ? null : seconds(lag)));
            }
        }
        return standbys;
    }

    private static ReplicationLag mysql(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = statement(connection, timeoutSeconds); ResultSet row = replicaStatus(statement)) {
            if (!row.next()) {
                return new ReplicationLag(false, null, null, registeredReplicas(connection, timeoutSeconds));
            }
            long seconds = row.getLong(column(row, "Seconds_Behind_Master", "Seconds_Behind_Source"));
            if (row.wasNull()) {
                return unknown("replica threads not running (Seconds_Behind_Master is NULL), lag unknown");
            }
            return new ReplicationLag(true, Duration.ofSeconds(seconds), null, List.of());
        }
    }

    private static ResultSet replicaStatus(Statement statement) throws SQLException {
        return firstAccepted(statement, "SHOW REPLICA STATUS", "SHOW SLAVE STATUS"); // MariaDB 10.5+, MySQL 8.0.22+; older
    }

    // A MySQL/MariaDB primary knows only which replicas registered with it: no apply state, no lag.
    // The statements need REPLICATION MASTER ADMIN (MariaDB) / REPLICATION SLAVE (MySQL); without
    // it the list is empty, as pg_stat_replication is for a PostgreSQL user without pg_monitor.
    private static List<StandbyStatus> registeredReplicas(Connection connection, int timeoutSeconds) throws SQLException {
        List<StandbyStatus> replicas = new ArrayList<>();
        try (Statement statement = statement(connection, timeoutSeconds);
             ResultSet row = firstAccepted(statement, "SHOW REPLICA HOSTS", "SHOW REPLICAS", "SHOW SLAVE HOSTS")) {
            int serverId = column(row, "Server_id");
            int host = column(row, "Host");
            int port = column(row, "Port");
            while (row.next()) {
                String address = row.getString(host);
                replicas.add(new StandbyStatus("server-id " + row.getLong(serverId), address == null || address.isEmpty() ? null
                        : address + ":" + row.getInt(port), REGISTERED, null));
            }
        } catch (SQLException refused) {
            if (refused.getErrorCode() != ACCESS_DENIED) {
                throw refused;
            }
        }
        return replicas;
    }

    /** Runs the first of {@code queries} the server accepts (spellings differ by server and version). */
    private static ResultSet firstAccepted(Statement statement, String... queries) throws SQLException {
        for (int i = 0; ; i++) {
            try {
                return statement.executeQuery(queries[i]);
            } catch (SQLException unknownSyntax) {
                if (i == queries.length - 1 || unknownSyntax.getErrorCode() == ACCESS_DENIED) {
                    throw unknownSyntax;
                }
            }
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
