package dev.kysera.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.testsupport.DatabaseServers;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One seeded benchmark database and how each variant reaches it.
 *
 * <ul>
 *   <li>SQLite: an in-memory database on one connection, held open for the whole trial; every
 *       variant (JDBC, jOOQ, executor) runs on that connection.</li>
 *   <li>PostgreSQL: a HikariCP pool of 4 on an isolated schema. jOOQ and the executor take a
 *       connection from the pool per statement (as {@code DSL.using(dataSource, …)} does), raw JDBC
 *       "per call" does too, and raw JDBC "reused" holds one pooled connection and one statement.</li>
 * </ul>
 */
public final class BenchDatabase implements AutoCloseable {

    /** System property with the JDBC URL of an already seeded PostgreSQL schema (set by {@link BenchmarkMain}). */
    public static final String POSTGRES_URL_PROPERTY = "kysera.bench.postgresUrl";

    public static final int USERS = 10_000;
    public static final int POSTS_PER_USER = 3;
    public static final int POSTS = USERS * POSTS_PER_USER;
    /** The tenant every query asks for; 90 % of users (and their posts) belong to it. */
    public static final int TENANT = 1;

    private final SQLDialect dialect;
    private final Connection singleConnection;
    private final HikariDataSource pool;
    private final AutoCloseable owned;
    private final DSLContext dsl;

    private BenchDatabase(SQLDialect dialect, Connection singleConnection, HikariDataSource pool, AutoCloseable owned) {
        this.dialect = dialect;
        this.singleConnection = singleConnection;
        this.pool = pool;
        this.owned = owned;
        this.dsl = singleConnection != null ? DSL.using(singleConnection, dialect) : DSL.using(pool, dialect);
    }

    /** Opens and seeds the named database: {@code sqlite} or {@code postgres}. */
    public static BenchDatabase open(String database) {
        return switch (database.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> sqlite();
            case "postgres" -> postgres();
            default -> throw new IllegalArgumentException("Unknown database '" + database + "': use sqlite or postgres");
        };
    }

    private static BenchDatabase sqlite() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            createSchemaAndSeed(connection, "sqlite");
            return new BenchDatabase(SQLDialect.SQLITE, connection, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the in-memory SQLite database: " + e.getMessage(), e);
        }
    }

    private static BenchDatabase postgres() {
        String seeded = System.getProperty(POSTGRES_URL_PROPERTY);
        if (seeded != null && !seeded.isBlank()) {
            return new BenchDatabase(SQLDialect.POSTGRES, null, pool(seeded), null);
        }
        SeededPostgres postgres = SeededPostgres.open();
        return new BenchDatabase(SQLDialect.POSTGRES, null, pool(postgres.jdbcUrl()), postgres);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setPoolName("kysera-bench");
        return new HikariDataSource(config);
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** A plain jOOQ context over the single connection (SQLite) or the pool (PostgreSQL). */
    public DSLContext dsl() {
        return dsl;
    }

    /** A connection for one raw-JDBC call: from the pool (PostgreSQL) or the one connection (SQLite). */
    public Connection borrow() throws SQLException {
        return singleConnection != null ? singleConnection : pool.getConnection();
    }

    /** Gives back a connection from {@link #borrow()}: back to the pool, or kept open for SQLite. */
    public void giveBack(Connection connection) throws SQLException {
        if (connection != singleConnection) {
            connection.close();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Deletes the users benchmarks created (every id above the seeded {@link #USERS}); on
     * PostgreSQL also vacuums the table so dead rows do not pile up between iterations.
     */
    public void deleteCreatedUsers() throws SQLException {
        Connection connection = borrow();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from users where id > " + USERS);
            if (dialect.family() == SQLDialect.POSTGRES) {
                statement.execute("vacuum users");
            }
        } finally {
            giveBack(connection);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (singleConnection != null) {
                singleConnection.close();
            }
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }

    // ------------------------------------------------------------------ seeding

    /** Creates the shared test schema (users, posts, …) and fills users and posts; adds an index on posts.user_id. */
    static void createSchemaAndSeed(Connection connection, String engineLabel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(readSchema(engineLabel))) {
                statement.execute(sql);
            }
            // The shared schema has no index on the foreign key; without one the join would scan all posts.
            statement.execute("create index posts_user_id_idx on posts (user_id)");
            // Keyset pages of users ordered by (name, id), as RepositoryBenchmark reads them.
            statement.execute("create index users_name_id_idx on users (name, id)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement users = connection.prepareStatement(
                    "insert into users (id, email, name, status, version, tenant_id) values (?, ?, ?, 'active', 0, ?)")) {
                for (int id = 1; id <= USERS; id++) {
                    users.setLong(1, id);
                    users.setString(2, "user" + id + "@example.com");
                    users.setString(3, "User " + id);
                    users.setInt(4, tenantOf(id));
                    users.addBatch();
                    if (id % 1000 == 0) {
                        users.executeBatch();
                    }
                }
                users.executeBatch();
            }
            try (PreparedStatement posts = connection.prepareStatement(
                    "insert into posts (id, user_id, title, views, tenant_id) values (?, ?, ?, 0, ?)")) {
                for (int id = 1; id <= POSTS; id++) {
                    long userId = (id - 1) / POSTS_PER_USER + 1;
                    posts.setLong(1, id);
                    posts.setLong(2, userId);
                    posts.setString(3, "Post " + id + " by user " + userId);
                    posts.setInt(4, tenantOf(userId));
                    posts.addBatch();
                    if (id % 1000 == 0) {
                        posts.executeBatch();
                    }
                }
                posts.executeBatch();
            }
            if ("postgres".equals(engineLabel)) {
                // The seed wrote explicit ids; move the identity sequences past them so inserts without an id work.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select setval(pg_get_serial_sequence('users', 'id'), " + USERS + ")");
                    statement.execute("select setval(pg_get_serial_sequence('posts', 'id'), " + POSTS + ")");
                }
            }
            try (Statement statement = connection.createStatement()) {
                // About 5 % of users and 10 % of posts are soft-deleted; 10 % of users belong to tenant 2.
                statement.executeUpdate("update users set deleted_at = CURRENT_TIMESTAMP where id % 20 = 7");
                statement.executeUpdate("update posts set deleted_at = CURRENT_TIMESTAMP where id % 10 = 3");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze");
        }
        requireCount(connection, "users", USERS);
        requireCount(connection, "posts", POSTS);
    }

    static int tenantOf(long userId) {
        return userId % 10 == 0 ? 2 : TENANT;
    }

    private static void requireCount(Connection connection, String table, int expected) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException(table + " has " + rs.getInt(1) + " rows, expected " + expected);
            }
        }
    }

    private static String readSchema(String engineLabel) {
        String name = "schema/" + engineLabel + ".sql";
        try (InputStream in = TestDatabase.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        script.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> withoutComments.append(line).append('\n'));
        return Arrays.stream(withoutComments.toString().split(";\\s*\\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * A seeded PostgreSQL schema: on {@code KYSERA_TEST_POSTGRES_URL} if set, else on an embedded
     * PostgreSQL 18 (both through kysera-test-support). Closing drops the schema.
     */
    public static final class SeededPostgres implements AutoCloseable {
        private final TestDatabase database;

        private SeededPostgres(TestDatabase database) {
            this.database = database;
        }

        public static SeededPostgres open() {
            TestDatabase database = DatabaseServers.shared().open(Engine.POSTGRES);
            try (Connection connection = database.dataSource().getConnection()) {
                createSchemaAndSeed(connection, "postgres");
                return new SeededPostgres(database);
            } catch (SQLException | RuntimeException e) {
                database.close();
                throw new IllegalStateException("Could not seed PostgreSQL: " + e.getMessage(), e);
            }
        }

        public String jdbcUrl() {
            return database.jdbcUrl();
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
