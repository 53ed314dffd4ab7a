package dev.kysera.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The isolated database of one test class on one {@link Database}: its own SQLite file, H2
 * in-memory database, PostgreSQL schema or MariaDB database, dropped when the class ends.
 * Implemented by the toolkit; {@link DatabaseTest} methods, lifecycle methods and
 * {@link TestExecutor} methods receive it as a parameter.
 */
public interface TestDatabase {

    /**
     * Which database this is.
     *
     * @return the database engine
     */
    Database database();

    /**
     * The jOOQ dialect of this database.
     *
     * @return the dialect, as {@link Database#dialect()}
     */
    default SQLDialect dialect() {
        return database().dialect();
    }

    /**
     * The schema (PostgreSQL), database (MariaDB) or database name (SQLite, H2) isolating this class.
     *
     * @return the name, as the database knows it
     */
    String isolationName();

    /**
     * A JDBC URL that reaches this isolated database, credentials included as configured.
     *
     * @return the URL
     */
    String jdbcUrl();

    /**
     * A data source whose connections each reach this isolated database (unpooled: each call opens one).
     *
     * @return the data source
     */
    DataSource dataSource();

    /**
     * A plain jOOQ context over {@link #dataSource()}: no Kysera plugins, commits each statement.
     *
     * @return the context
     */
    DSLContext dsl();

    /**
     * Opens a new connection to this database; the caller closes it.
     *
     * @return an open connection
     * @throws SQLException if the database refuses it
     */
    Connection newConnection() throws SQLException;

    /**
     * Runs a script of statements separated by semicolons at line ends ({@code --} comment lines are
     * ignored), in order, committing each.
     *
     * @param script the statements
     * @throws IllegalStateException naming the statement if one fails, or if no connection can be
     *                               opened
     */
    void executeScript(String script);

    /**
     * Runs a class path resource as a script ({@link #executeScript(String)}); {@code {database}}
     * in the name is replaced by {@link Database#label()}, so one name can pick a file per database.
     *
     * @param resource the resource's class path name (a leading slash is optional); may contain
     *                 {@code {database}}
     * @throws IllegalArgumentException if the resource does not exist
     * @throws IllegalStateException    naming the statement if one fails
     */
    void executeResource(String resource);
}
