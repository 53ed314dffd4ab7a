package dev.kysera.core.dialect;

import dev.kysera.core.log.KyseraLog;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Which database Kysera is talking to — determined from facts, never guessed from how SQL happens to
 * be quoted. In order of preference:
 * <ol>
 *   <li>explicit configuration: {@link #family(SQLDialect)}, {@link #of(String)};</li>
 *   <li>a jOOQ {@link #fromConfiguration(Configuration) Configuration} or
 *       {@link #fromContext(DSLContext) DSLContext} (its {@code DEFAULT} dialect is refused, not
 *       guessed around);</li>
 *   <li>a {@link #fromJdbcUrl(String) JDBC URL} (no connection needed, but {@code jdbc:mysql:} cannot
 *       tell MariaDB from MySQL);</li>
 *   <li>the server itself: {@link #fromMetaData(DatabaseMetaData)}, {@link #fromConnection(Connection)},
 *       {@link #fromDataSource(DataSource)}, {@link #detectServer(DSLContext)} — the only way to
 *       tell a MariaDB server behind {@code jdbc:mysql:} apart from MySQL.</li>
 * </ol>
 * Supported families (jOOQ Open Source Edition): POSTGRES, MARIADB, MYSQL, SQLITE, H2. Everything else,
 * SQL Server included, is an {@link UnsupportedDialectException}.
 */
public final class Dialects {

    private static final System.Logger LOG = KyseraLog.logger(Dialects.class);

    /** The families Kysera supports, in the order they are listed in messages. */
    public static final Set<SQLDialect> SUPPORTED =
            Set.copyOf(EnumSet.of(SQLDialect.POSTGRES, SQLDialect.MARIADB, SQLDialect.MYSQL, SQLDialect.SQLITE, SQLDialect.H2));

    private static final String SUPPORTED_LIST = "POSTGRES, MARIADB, MYSQL, SQLITE, H2";

    /** JDBC URL prefixes of wrapping drivers that name the real driver next: jdbc:tc:postgresql:, jdbc:p6spy:mysql: … */
    private static final Set<String> WRAPPER_SUBPROTOCOLS = Set.of("tc", "p6spy", "otel", "aws-wrapper", "log4jdbc");

    private static final DateTimeFormatter SQLITE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");

    private Dialects() {
    }

    /**
     * The supported family of an explicitly configured dialect.
     *
     * @param dialect a jOOQ dialect or dialect version, not null
     * @return its family, one of {@link #SUPPORTED}
     * @throws NullPointerException if {@code dialect} is null
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported family
     */
    public static SQLDialect family(SQLDialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        SQLDialect family = dialect.family();
        if (family == SQLDialect.DEFAULT) {
            throw new UnsupportedDialectException("The jOOQ dialect is DEFAULT, which renders generic SQL for no real"
                    + " database; configure the dialect explicitly (e.g. DSL.using(dataSource, SQLDialect.POSTGRES)) or"
                    + " detect it with Dialects.fromConnection/fromDataSource. Supported: " + SUPPORTED_LIST);
        }
        if (!SUPPORTED.contains(family)) {
            throw new UnsupportedDialectException("The jOOQ dialect " + family + " is not supported by Kysera. Supported: "
                    + SUPPORTED_LIST);
        }
        return family;
    }

    /**
     * The family named in configuration: a jOOQ family name ({@code POSTGRES}, {@code MARIADB},
     * {@code MYSQL}, {@code SQLITE}, {@code H2}, case-insensitive) or {@code postgresql}.
     *
     * @param name the configured name, surrounding blanks ignored, not null
     * @return the family
     * @throws NullPointerException if {@code name} is null
     * @throws UnsupportedDialectException for SQL Server names, unknown or blank names
     */
    public static SQLDialect of(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.strip().toUpperCase(Locale.ROOT);
        return switch (key) {
            case "POSTGRES", "POSTGRESQL" -> SQLDialect.POSTGRES;
            case "MARIADB" -> SQLDialect.MARIADB;
            case "MYSQL" -> SQLDialect.MYSQL;
            case "SQLITE" -> SQLDialect.SQLITE;
            case "H2" -> SQLDialect.H2;
            case "SQLSERVER", "MSSQL" -> throw sqlServer();
            default -> throw new UnsupportedDialectException("Unknown dialect name '" + abbreviate(name) + "'. Supported: "
                    + SUPPORTED_LIST);
        };
    }

    /**
     * The supported family of a jOOQ configuration's dialect; {@code DEFAULT} is refused.
     *
     * @param configuration the configuration, not null
     * @return the family
     * @throws NullPointerException if {@code configuration} is null
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported family
     */
    public static SQLDialect fromConfiguration(Configuration configuration) {
        return family(Objects.requireNonNull(configuration, "configuration").dialect());
    }

    /**
     * The supported family of a jOOQ context's dialect; {@code DEFAULT} is refused.
     *
     * @param dsl the context, not null
     * @return the family
     * @throws NullPointerException if {@code dsl} is null
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported family
     */
    public static SQLDialect fromContext(DSLContext dsl) {
        return fromConfiguration(Objects.requireNonNull(dsl, "dsl").configuration());
    }

    /**
     * The family a JDBC URL's driver speaks. Wrapping drivers ({@code jdbc:tc:}, {@code jdbc:p6spy:},
     * {@code jdbc:otel:}, {@code jdbc:aws-wrapper:}, {@code jdbc:log4jdbc:}) are looked through.
     *
     * <p>{@code jdbc:mysql:} gives {@link SQLDialect#MYSQL}; if it may point at a MariaDB server, ask
     * the server ({@link #fromConnection(Connection)}): under MYSQL, jOOQ renders upserts MariaDB rejects.
     *
     * @param url the JDBC URL, not null
     * @return the family
     * @throws NullPointerException if {@code url} is null
     * @throws UnsupportedDialectException for SQL Server ({@code jdbc:sqlserver:}, {@code jdbc:jtds:}),
     *         other databases and strings that are not JDBC URLs; the message never contains the
     *         URL's credentials
     */
    public static SQLDialect fromJdbcUrl(String url) {
        Objects.requireNonNull(url, "url");
        String rest = url.strip();
        if (!rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new UnsupportedDialectException("Not a JDBC URL (it must start with 'jdbc:')");
        }
        rest = rest.substring(5);
        String sub = subprotocol(rest);
        while (WRAPPER_SUBPROTOCOLS.contains(sub) && rest.length() > sub.length() + 1) {
            rest = rest.substring(sub.length() + 1);
            sub = subprotocol(rest);
        }
        return switch (sub) {
            case "postgresql", "pgsql" -> SQLDialect.POSTGRES;
            case "mariadb" -> SQLDialect.MARIADB;
            case "mysql" -> {
                LOG.log(Level.DEBUG, "jdbc:mysql: URL read as MYSQL; only the server's metadata can tell a MariaDB"
                        + " server apart (Dialects.fromConnection)");
                yield SQLDialect.MYSQL;
            }
            case "sqlite" -> SQLDialect.SQLITE;
            case "h2" -> SQLDialect.H2;
            case "sqlserver", "jtds", "microsoft" -> throw sqlServer();
            default -> throw new UnsupportedDialectException("JDBC subprotocol 'jdbc:" + abbreviate(sub)
                    + ":' is not a database Kysera supports. Supported: " + SUPPORTED_LIST);
        };
    }

    private static String subprotocol(String rest) {
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /**
     * The family of a server from the product name and version its JDBC driver reports
     * ({@link DatabaseMetaData#getDatabaseProductName()}/{@code getDatabaseProductVersion()}).
     * MariaDB is recognised by either string: MariaDB's driver reports product {@code MariaDB}, while
     * MySQL's driver reports {@code MySQL} with a version such as {@code 5.5.5-10.11.19-MariaDB}.
     *
     * @param productName the reported product name; null is read as empty
     * @param productVersion the reported product version; null is read as empty
     * @return the family
     * @throws UnsupportedDialectException for SQL Server and every other product
     */
    public static SQLDialect fromProduct(String productName, String productVersion) {
        String name = Objects.requireNonNullElse(productName, "").strip().toLowerCase(Locale.ROOT);
        String version = Objects.requireNonNullElse(productVersion, "").toLowerCase(Locale.ROOT);
        if (name.contains("mariadb") || (name.contains("mysql") && version.contains("mariadb"))) {
            return SQLDialect.MARIADB;
        }
        if (name.equals("mysql")) {
            return SQLDialect.MYSQL;
        }
        if (name.equals("postgresql")) {
            return SQLDialect.POSTGRES;
        }
        if (name.equals("sqlite")) {
            return SQLDialect.SQLITE;
        }
        if (name.equals("h2")) {
            return SQLDialect.H2;
        }
        if (name.contains("sql server")) {
            throw sqlServer();
        }
        throw new UnsupportedDialectException("Database product '" + abbreviate(productName) + "' ("
                + abbreviate(productVersion) + ") is not supported by Kysera. Supported: " + SUPPORTED_LIST);
    }

    /**
     * The family of the server behind a connection's metadata.
     *
     * @param metaData the driver's metadata, not null
     * @return the family
     * @throws UnsupportedDialectException for an unsupported product
     * @throws DataAccessException if the driver cannot report the product
     */
    public static SQLDialect fromMetaData(DatabaseMetaData metaData) {
        try {
            return fromProduct(metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the database product from the JDBC metadata", e);
        }
    }

    /**
     * The family of the server a live connection talks to; the connection is left open.
     *
     * @param connection an open connection, not null
     * @return the family
     * @throws UnsupportedDialectException for an unsupported product
     * @throws DataAccessException if the driver cannot report its metadata
     */
    public static SQLDialect fromConnection(Connection connection) {
        try {
            return fromMetaData(connection.getMetaData());
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the JDBC metadata of the connection", e);
        }
    }

    /**
     * The family of the server a data source connects to; borrows one connection and gives it back.
     *
     * @param dataSource the data source, not null
     * @return the family
     * @throws UnsupportedDialectException for an unsupported product
     * @throws DataAccessException if no connection can be opened or its metadata read
     */
    public static SQLDialect fromDataSource(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromConnection(connection);
        } catch (SQLException e) {
            throw new DataAccessException("Could not open a connection to detect the database", e);
        }
    }

    /**
     * The family of the server a jOOQ context really connects to (whatever dialect it is configured with).
     * Acquires one connection from the context's provider and releases it.
     *
     * @param dsl the context, not null
     * @return the server's family
     * @throws UnsupportedDialectException for an unsupported product
     * @throws DataAccessException if no connection can be acquired or its metadata read
     */
    public static SQLDialect detectServer(DSLContext dsl) {
        return dsl.connectionResult(Dialects::fromConnection);
    }

    /**
     * Checks that a context's configured dialect matches the server it connects to, e.g. at startup.
     *
     * @param dsl the context, not null
     * @return the family
     * @throws UnsupportedDialectException when they differ, e.g. MYSQL configured against a MariaDB
     *         server (jOOQ would render MySQL-only upserts that MariaDB rejects), or either is unsupported
     * @throws DataAccessException if no connection can be acquired or its metadata read
     */
    public static SQLDialect requireMatchingServer(DSLContext dsl) {
        SQLDialect configured = fromContext(dsl);
        SQLDialect server = detectServer(dsl);
        if (configured != server) {
            String hint = configured == SQLDialect.MYSQL && server == SQLDialect.MARIADB
                    ? " Use SQLDialect.MARIADB: under MYSQL, jOOQ renders MySQL 8 syntax (e.g. upserts with"
                            + " 'as excluded') that MariaDB rejects."
                    : "";
            throw new UnsupportedDialectException("The jOOQ context is configured for " + configured
                    + " but the server is " + server + "." + hint);
        }
        return configured;
    }

    /**
     * The capabilities of a dialect's family.
     *
     * @param dialect a supported dialect, not null
     * @return what its family can do
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported family
     */
    public static DialectCapabilities capabilities(SQLDialect dialect) {
        return DialectCapabilities.of(dialect);
    }

    /**
     * The current time as an {@link OffsetDateTime} expression that every supported database
     * evaluates to the right instant, whatever the session time zone:
     * <ul>
     *   <li>PostgreSQL, H2: {@code CURRENT_TIMESTAMP} ({@code timestamp with time zone}); on
     *       PostgreSQL it is the start of the current transaction.</li>
     *   <li>MySQL/MariaDB: {@code UTC_TIMESTAMP(6)}, read as UTC. {@code CURRENT_TIMESTAMP} there is a
     *       zone-less value in the session's time zone, so it would shift with {@code time_zone}.</li>
     *   <li>SQLite: {@code strftime('%Y-%m-%dT%H:%M:%fZ', 'now')} — ISO-8601 UTC text with
     *       milliseconds, which is how Kysera stores timestamps in SQLite. jOOQ's own
     *       {@code currentOffsetDateTime()} renders {@code CURRENT_TIMESTAMP} there, whose
     *       {@code 'YYYY-MM-DD HH:MM:SS'} text jOOQ cannot read back as an offset date-time.</li>
     * </ul>
     * The value read back is always at offset UTC except on H2, which answers in its session zone.
     *
     * @param dialect the dialect to render for, not null
     * @return the expression
     * @throws NullPointerException if {@code dialect} is null
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported family
     */
    public static Field<OffsetDateTime> currentTimestamp(SQLDialect dialect) {
        return switch (family(dialect)) {
            case POSTGRES, H2 -> DSL.currentOffsetDateTime();
            case MARIADB, MYSQL -> DSL.field("utc_timestamp(6)", SQLDataType.LOCALDATETIME(6))
                    .convert(Converter.ofNullable(LocalDateTime.class, OffsetDateTime.class,
                            local -> local.atOffset(ZoneOffset.UTC),
                            offset -> offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
            case SQLITE -> DSL.field("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", SQLDataType.VARCHAR)
                    .convert(Converter.ofNullable(String.class, OffsetDateTime.class,
                            OffsetDateTime::parse,
                            offset -> offset.withOffsetSameInstant(ZoneOffset.UTC).format(SQLITE_TIMESTAMP)));
            default -> throw new AssertionError(dialect);
        };
    }

    private static UnsupportedDialectException sqlServer() {
        return new UnsupportedDialectException("SQL Server is not available in the jOOQ Open Source Edition (it has no"
                + " SQLSERVER dialect); it needs a commercial jOOQ distribution, which Kysera does not support yet."
                + " Supported: " + SUPPORTED_LIST);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 61) + "...";
    }
}
