package dev.kysera.testing.internal;

import dev.kysera.testing.Database;
import dev.kysera.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One test class's isolated database: created when opened, dropped when closed, recreatable. */
public final class IsolatedDatabase implements TestDatabase, AutoCloseable {

    /** How the isolation is made and removed on one engine. */
    interface Lifecycle {
        void create();

        void drop();

        /** Drops everything and creates it again; by default {@link #drop()} then {@link #create()}. */
        default void recreate() {
            drop();
            create();
        }
    }

    private final Database database;
    private final String isolationName;
    private final String jdbcUrl;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Lifecycle lifecycle;

    IsolatedDatabase(Database database, String isolationName, String jdbcUrl, DataSource dataSource, Lifecycle lifecycle) {
        this.database = database;
        this.isolationName = isolationName;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, database.dialect());
        this.lifecycle = lifecycle;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public String isolationName() {
        return isolationName;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public Connection newConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void executeScript(String script) {
        try (Connection connection = newConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.statements(script)) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("Statement failed on " + database.label() + ": " + sql + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void executeResource(String resource) {
        executeScript(SqlScript.resource(resource.replace("{database}", database.label())));
    }

    /** Drops everything in the isolated database and creates it again, empty. */
    public void recreate() {
        lifecycle.recreate();
    }

    /** Creates the isolated database. */
    void create() {
        lifecycle.create();
    }

    @Override
    public void close() {
        lifecycle.drop();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + database.label() + ", " + isolationName + "]";
    }
}
