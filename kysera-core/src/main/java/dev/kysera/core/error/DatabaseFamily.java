package dev.kysera.core.error;

import java.util.Locale;
import org.jooq.SQLDialect;

/**
 * The database families whose error codes {@link ErrorTranslator} knows. It exists next to jOOQ's
 * {@link SQLDialect} because the open-source jOOQ edition has no SQL Server dialect, yet SQL Server
 * errors can still reach an application (e.g. through a shared JDBC layer) and deserve translation.
 */
public enum DatabaseFamily {
    /** PostgreSQL and wire-compatible databases (YugabyteDB): classified by SQLState. */
    POSTGRES,
    /** H2: classified by H2's vendor codes, which mostly equal the SQLState. */
    H2,
    /** SQLite (xerial driver): classified by SQLite result codes. */
    SQLITE,
    /** MySQL and MariaDB: classified by server error numbers. */
    MYSQL,
    /** Microsoft SQL Server and Azure SQL: classified by error numbers. */
    SQLSERVER,
    /** Unknown: only standard SQLState classes and JDBC exception types are used. */
    OTHER;

    /**
     * The family of a jOOQ dialect; {@link #OTHER} for {@code null}, {@code DEFAULT} and dialects not listed here.
     *
     * @param dialect the dialect, or null
     * @return the family, never null
     */
    public static DatabaseFamily of(SQLDialect dialect) {
        if (dialect == null) {
            return OTHER;
        }
        // compared by name: commercial jOOQ editions have SQLSERVER constants the open-source one lacks
        String family = dialect.family().name().toUpperCase(Locale.ROOT);
        return switch (family) {
            case "POSTGRES", "YUGABYTEDB" -> POSTGRES;
            case "H2" -> H2;
            case "SQLITE" -> SQLITE;
            case "MYSQL", "MARIADB" -> MYSQL;
            default -> family.startsWith("SQLSERVER") ? SQLSERVER : OTHER;
        };
    }
}
