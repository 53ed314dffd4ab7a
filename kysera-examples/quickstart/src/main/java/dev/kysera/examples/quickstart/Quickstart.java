package dev.kysera.examples.quickstart;

import dev.kysera.core.dialect.Dialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Runs the quickstart on an in-memory SQLite database, or on the database of a JDBC URL given as
 * the only argument (PostgreSQL or MariaDB; it creates tables users and posts there, so point it
 * at an empty database or schema).
 *
 * <pre>./dev quickstart
 * ./dev quickstart 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'</pre>
 */
public final class Quickstart {

    /** Held so the level sticks: Hibernate Validator announces its version at INFO otherwise. */
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    private Quickstart() {
    }

    public static void main(String[] args) throws SQLException {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        VALIDATOR_LOG.setLevel(Level.WARNING);
        String url = args.length > 0 ? args[0] : "jdbc:sqlite::memory:";
        SQLDialect dialect = Dialects.fromJdbcUrl(url);
        System.out.println("Kysera quickstart on " + dialect.getName() + " (" + url.replaceAll("password=[^&]*", "password=***") + ")");
        try (Connection connection = DriverManager.getConnection(url)) {
            new QuickstartTour(DSL.using(connection, dialect), System.out).run();
        }
    }
}
