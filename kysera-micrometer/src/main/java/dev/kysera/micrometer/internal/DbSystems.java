package dev.kysera.micrometer.internal;

import org.jooq.SQLDialect;

/** The OpenTelemetry {@code db.system.name} of a jOOQ dialect. */
public final class DbSystems {

    private DbSystems() {
    }

    /** The well-known value for the dialect's family, {@code other_sql} for those the conventions do not list. */
    public static String systemName(SQLDialect dialect) {
        // By name: the commercial jOOQ editions have families the open-source enum lacks.
        return switch (dialect.family().name()) {
            case "POSTGRES" -> "postgresql";
            case "MARIADB" -> "mariadb";
            case "MYSQL" -> "mysql";
            case "SQLITE" -> "sqlite";
            case "H2" -> "h2database";
            case "HSQLDB" -> "hsqldb";
            case "DERBY" -> "derby";
            case "FIREBIRD" -> "firebirdsql";
            case "CLICKHOUSE" -> "clickhouse";
            case "TRINO" -> "trino";
            case "SQLSERVER" -> "microsoft.sql_server";
            case "ORACLE" -> "oracle.db";
            case "DB2" -> "ibm.db2";
            case "COCKROACHDB" -> "cockroachdb";
            case "REDSHIFT" -> "aws.redshift";
            case "HANA" -> "sap.hana";
            case "TERADATA" -> "teradata";
            default -> "other_sql";
        };
    }
}
