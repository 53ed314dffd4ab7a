package dev.kysera.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One isolated database of the matrix: its own SQLite file, H2 in-memory database, PostgreSQL
 * schema or MariaDB database, reached through a small connection pool. Closing it drops what it
 * created, so test classes can run in parallel and the suite can be re-run without leftovers.
 */
public final class TestDatabase implements AutoCloseable {

    /** The shared test schema's tables, parents before children. */
    public static final List<String> TEST_TABLES =
            List.of("users", "posts", "tags", "post_tags", "categories", "accounts", "settings");

    private final Engine engine;
    private final String jdbcUrl;
    private final String isolationName;
    private final HikariDataSource dataSource;
    private final Runnable dropper;
    private final DSLContext dsl;
    private final ReentrantLock schemaLock = new ReentrantLock();
    private boolean testSchemaCreated;

    TestDatabase(Engine engine, String jdbcUrl, String isolationName, HikariDataSource dataSource, Runnable dropper) {
        this.engine = engine;
        this.jdbcUrl = jdbcUrl;
        this.isolationName = isolationName;
        this.dataSource = dataSource;
        this.dropper = dropper;
        this.dsl = DSL.using(dataSource, engine.dialect());
    }

    public Engine engine() {
        return engine;
    }

    public SQLDialect dialect() {
        return engine.dialect();
    }

    /** A pooled data source (up to 10 connections) bound to this isolated database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A plain jOOQ context (no Kysera listeners) over {@link #dataSource()}. */
    public DSLContext dsl() {
        return dsl;
    }

    /** A JDBC URL that reaches this isolated database (schema or database included). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The schema (PostgreSQL), database (MariaDB) or file/memory name (SQLite, H2) isolating this class. */
    public String isolationName() {
        return isolationName;
    }

    /** Opens a new, unpooled connection to this database, e.g. to hold a lock while another connection waits. */
    public Connection newConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /**
     * Makes the shared test schema ({@link #TEST_TABLES}) present and empty: created on first call,
     * emptied (children first) on later calls. Identity counters are not reset.
     */
    public TestDatabase useTestSchema() {
        schemaLock.lock();
        try {
            if (testSchemaCreated) {
                deleteAllRows(TEST_TABLES);
            } else {
                executeScript(readResource("schema/" + engine.label() + ".sql"));
                testSchemaCreated = true;
            }
            return this;
        } finally {
            schemaLock.unlock();
        }
    }

    /**
     * Deletes every row of the given tables, last table first, so children go before parents.
     * MariaDB checks foreign keys row by row, so a self-referencing table (categories) cannot be
     * emptied in one statement: checks are off for these deletes, on the same connection.
     */
    public void deleteAllRows(List<String> tablesParentsFirst) {
        dsl.connection(connection -> {
            DSLContext single = DSL.using(connection, engine.dialect());
            boolean mariadb = engine == Engine.MARIADB;
            if (mariadb) {
                single.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            try {
                for (int i = tablesParentsFirst.size() - 1; i >= 0; i--) {
                    single.deleteFrom(DSL.table(DSL.name(tablesParentsFirst.get(i)))).execute();
                }
            } finally {
                if (mariadb) {
                    single.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        });
    }

    /** Runs a script of statements separated by semicolons at line ends; {@code --} comments are dropped. */
    public void executeScript(String script) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test script failed on " + engine.label() + ": " + e.getMessage(), e);
        }
    }

    static List<String> statements(String script) {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";\\s*\\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String readResource(String name) {
        try (InputStream in = TestDatabase.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            dropper.run();
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + engine.label() + ", " + isolationName + "]";
    }
}
