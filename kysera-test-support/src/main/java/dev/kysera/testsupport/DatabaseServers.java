package dev.kysera.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the matrix's databases once per JVM and opens isolated databases on them.
 *
 * <ul>
 *   <li>SQLite and H2 are embedded and always present.</li>
 *   <li>PostgreSQL comes from {@code KYSERA_TEST_POSTGRES_URL}; without it an embedded PostgreSQL
 *       is started (once per JVM) from the zonky binaries, no Docker needed.</li>
 *   <li>MariaDB/MySQL comes from {@code KYSERA_TEST_MYSQL_URL}; without it, it is left out and
 *       that is announced once on standard error.</li>
 * </ul>
 * With {@code CI=true}, a configured database that cannot be reached, or a MariaDB that is not
 * configured at all, fails every matrix test instead of being skipped.
 */
public final class DatabaseServers {

    public static final String POSTGRES_URL_VARIABLE = "KYSERA_TEST_POSTGRES_URL";
    public static final String MYSQL_URL_VARIABLE = "KYSERA_TEST_MYSQL_URL";

    private static final DatabaseServers SHARED = new DatabaseServers(System.getenv());
    private static final Path SQLITE_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "kysera-test-sqlite");

    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final Pattern ISOLATED_NAME = Pattern.compile("kt_(\\d{9,})_[0-9a-f]{8}");

    private final Map<String, String> environment;
    private final ReentrantLock lock = new ReentrantLock();
    private Map<Engine, String> serverUrls;
    private EmbeddedPostgres embeddedPostgres;

    DatabaseServers(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The JVM-wide instance, read from the process environment. */
    public static DatabaseServers shared() {
        return SHARED;
    }

    /** The engines tests run on in this JVM, in matrix order. */
    public List<Engine> availableEngines() {
        Map<Engine, String> urls = serverUrls();
        return List.of(Engine.values()).stream().filter(e -> !e.isServer() || urls.containsKey(e)).toList();
    }

    /** Opens a new isolated database on the engine; the caller closes it, which drops it. */
    public TestDatabase open(Engine engine) {
        // The creation time in the name lets a later run drop what a crashed run left behind.
        String name = "kt_" + Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return switch (engine) {
            case SQLITE -> openSqlite(name);
            case H2 -> openH2(name);
            case POSTGRES -> openPostgres(name, serverUrl(engine));
            case MARIADB -> openMariaDb(name, serverUrl(engine));
        };
    }

    private String serverUrl(Engine engine) {
        return Optional.ofNullable(serverUrls().get(engine))
                .orElseThrow(() -> new IllegalStateException(engine.label() + " is not available in this test run"));
    }

    private TestDatabase openSqlite(String name) {
        try {
            Files.createDirectories(SQLITE_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SQLITE_DIRECTORY.resolve(name + ".db");
        // WAL lets readers and a writer share the file; foreign keys are off in SQLite unless asked for.
        String url = "jdbc:sqlite:" + file + "?foreign_keys=on&journal_mode=wal&busy_timeout=5000";
        return new TestDatabase(Engine.SQLITE, url, name, pool(url, null, null), () -> deleteSqliteFiles(file));
    }

    private static void deleteSqliteFiles(Path file) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // a leftover file in the temp directory harms no later run: names are random
            }
        }
    }

    private TestDatabase openH2(String name) {
        // Lower-case unquoted names, as PostgreSQL does, so generated (quoted, lower-case) names match.
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        return new TestDatabase(Engine.H2, url, name, pool(url, null, null), () -> runQuietly(url, "SHUTDOWN"));
    }

    private TestDatabase openPostgres(String schema, String serverUrl) {
        run(serverUrl, "CREATE SCHEMA " + schema);
        String url = JdbcUrls.withParameter(serverUrl, "currentSchema", schema);
        return new TestDatabase(Engine.POSTGRES, url, schema, pool(serverUrl, schema, null),
                () -> run(serverUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private TestDatabase openMariaDb(String database, String serverUrl) {
        run(serverUrl, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        String url = JdbcUrls.withDatabase(serverUrl, database);
        return new TestDatabase(Engine.MARIADB, url, database, pool(url, null, database),
                () -> run(serverUrl, "DROP DATABASE IF EXISTS " + database));
    }

    private static HikariDataSource pool(String url, String schema, String catalog) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName("kysera-test");
        if (schema != null) {
            config.setSchema(schema);
        }
        if (catalog != null) {
            config.setCatalog(catalog);
        }
        return new HikariDataSource(config);
    }

    private static void run(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + JdbcUrls.redact(url) + ": " + e.getMessage(), e);
        }
    }

    private static void runQuietly(String url, String sql) {
        try {
            run(url, sql);
        } catch (IllegalStateException ignored) {
            // the database is already gone
        }
    }

    private Map<Engine, String> serverUrls() {
        lock.lock();
        try {
            if (serverUrls == null) {
                serverUrls = discoverServers();
            }
            return serverUrls;
        } finally {
            lock.unlock();
        }
    }

    private Map<Engine, String> discoverServers() {
        boolean ci = "true".equalsIgnoreCase(environment.get("CI"));
        Map<Engine, String> urls = new EnumMap<>(Engine.class);
        String postgres = configured(POSTGRES_URL_VARIABLE);
        urls.put(Engine.POSTGRES, postgres != null ? reachable(Engine.POSTGRES, postgres) : startEmbeddedPostgres());
        dropStaleDatabases(urls.get(Engine.POSTGRES), "DROP SCHEMA IF EXISTS %s CASCADE");
        String mysql = configured(MYSQL_URL_VARIABLE);
        if (mysql != null) {
            urls.put(Engine.MARIADB, reachable(Engine.MARIADB, mysql));
            dropStaleDatabases(mysql, "DROP DATABASE IF EXISTS %s");
        } else if (ci) {
            throw new IllegalStateException("CI=true but " + MYSQL_URL_VARIABLE
                    + " is not set: the MariaDB/MySQL part of the matrix would be skipped silently");
        } else {
            announce(MYSQL_URL_VARIABLE + " is not set: tests marked [mariadb] do NOT run in this JVM."
                    + " Set it (e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root) to include MariaDB/MySQL.");
        }
        return urls;
    }

    private String configured(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Drops isolated schemas/databases older than {@link #STALE_AFTER}: a test JVM that was killed
     * never closed them. Younger ones may belong to a run in progress and are left alone.
     */
    private static void dropStaleDatabases(String url, String dropTemplate) {
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "select schema_name from information_schema.schemata where schema_name like 'kt\\_%'")) {
                while (names.next()) {
                    String name = names.getString(1);
                    Matcher matcher = ISOLATED_NAME.matcher(name);
                    if (matcher.matches() && Long.parseLong(matcher.group(1)) < cutoff) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                statement.execute(String.format(dropTemplate, name));
            }
        } catch (SQLException e) {
            announce("could not drop stale test databases: " + e.getMessage());
        }
    }

    private static String reachable(Engine engine, String url) {
        try (Connection connection = DriverManager.getConnection(url)) {
            if (!connection.isValid(5)) {
                throw new SQLException("connection is not valid");
            }
            return url;
        } catch (SQLException e) {
            throw new IllegalStateException(engine.label().toUpperCase(Locale.ROOT) + " is configured at "
                    + JdbcUrls.redact(url) + " but unreachable: " + e.getMessage(), e);
        }
    }

    private String startEmbeddedPostgres() {
        try {
            embeddedPostgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::stopEmbeddedPostgres));
            announce(POSTGRES_URL_VARIABLE + " is not set: started an embedded PostgreSQL for this JVM.");
            return embeddedPostgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL; set " + POSTGRES_URL_VARIABLE
                    + " to use a running server instead", e);
        }
    }

    private void stopEmbeddedPostgres() {
        try {
            embeddedPostgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; the temp directory is removed by the library's own cleaner
        }
    }

    private static void announce(String message) {
        System.err.println("[kysera-test] " + message);
    }
}
