package dev.kysera.testsupport;

import org.jooq.SQLDialect;

/** The database engines of the test matrix, with the jOOQ dialect each one runs under. */
public enum Engine {
    SQLITE("sqlite", SQLDialect.SQLITE),
    H2("h2", SQLDialect.H2),
    POSTGRES("postgres", SQLDialect.POSTGRES),
    MARIADB("mariadb", SQLDialect.MARIADB);

    private final String label;
    private final SQLDialect dialect;

    Engine(String label, SQLDialect dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    /** The short name shown in brackets in test display names, e.g. {@code sqlite}. */
    public String label() {
        return label;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** True for the engines that run as a separate server process (PostgreSQL, MariaDB). */
    public boolean isServer() {
        return this == POSTGRES || this == MARIADB;
    }
}
