package dev.kysera.spring;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jooq.SQLDialect;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code kysera.*} properties. Every value is checked when the context starts; a bad one fails
 * the start with a message that names it.
 *
 * @param dialect the jOOQ dialect to render for, e.g. POSTGRES; empty to detect it from
 *                the DataSource's JDBC metadata
 * @param errors  which exception model application code sees
 * @param rls     where the row-level security context of a web request comes from
 * @param health  the Actuator health indicator
 * @param web     the HTTP error handler
 * @param softDelete the kysera-soft-delete plugin, configured from properties
 * @param timestamps the kysera-timestamps plugin, configured from properties
 */
@ConfigurationProperties("kysera")
public record KyseraProperties(String dialect, @DefaultValue("kysera") ErrorMode errors, @DefaultValue Rls rls,
                               @DefaultValue Health health, @DefaultValue Web web, @DefaultValue SoftDelete softDelete,
                               @DefaultValue Timestamps timestamps) {

    /** Checks the dialect's name. */
    public KyseraProperties {
        if (dialect != null && !dialect.isBlank()) {
            parseDialect(dialect);
        }
    }

    /** The configured dialect, or null to detect it. */
    SQLDialect configuredDialect() {
        return dialect == null || dialect.isBlank() ? null : parseDialect(dialect);
    }

    private static SQLDialect parseDialect(String name) {
        try {
            SQLDialect parsed = SQLDialect.valueOf(name.trim().toUpperCase(Locale.ROOT));
            if (parsed == SQLDialect.DEFAULT) {
                throw new IllegalArgumentException("kysera.dialect must name a database, not DEFAULT");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kysera.dialect is not a jOOQ dialect: '" + name + "'", e);
        }
    }

    /** Which exception model application code sees for database errors. */
    public enum ErrorMode {
        /**
         * Kysera's typed exceptions ({@code UniqueConstraintException}, {@code TransientDatabaseException}
         * with {@code isTransient()}, …); Spring's translation is not applied.
         */
        KYSERA,
        /**
         * Spring's {@code DataAccessException} hierarchy ({@code DuplicateKeyException},
         * {@code TransientDataAccessException}, …), each with Kysera's typed exception as its cause.
         */
        SPRING
    }

    /**
     * Where the row-level security context of a web request comes from (used when kysera-rls,
     * Spring Security and a servlet web application are present).
     *
     * @param enabled      whether the request filter is installed
     * @param tenantHeader the HTTP header naming the tenant; a TenantAccess bean must then
     *                     decide whether the user may act for it
     * @param tenantClaim  the token claim naming the tenant, for OAuth2/JWT principals
     */
    public record Rls(@DefaultValue("true") boolean enabled, String tenantHeader, String tenantClaim) {

        /** Checks that at most one tenant source is named. */
        public Rls {
            if (blankToNull(tenantHeader) != null && blankToNull(tenantClaim) != null) {
                throw new IllegalArgumentException("Set kysera.rls.tenant-header or kysera.rls.tenant-claim, not both (were '"
                        + tenantHeader + "' and '" + tenantClaim + "')");
            }
            tenantHeader = blankToNull(tenantHeader);
            tenantClaim = blankToNull(tenantClaim);
        }
    }

    /**
     * The Actuator health indicator {@code kysera} (used when kysera-infra and Actuator are present).
     *
     * @param enabled whether the indicator is registered
     * @param timeout how long one check may take before the database counts as down
     */
    public record Health(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration timeout) {

        /** Checks that the timeout is positive. */
        public Health {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("kysera.health.timeout must be positive, was " + timeout);
            }
        }
    }

    /**
     * The HTTP error handler.
     *
     * @param problemDetails whether Kysera's errors become RFC 9457 problem details (400, 403, 404,
     *                       409) in servlet web applications; off unless asked for
     */
    public record Web(@DefaultValue("false") boolean problemDetails) {
    }

    /**
     * The soft-delete plugin as a bean (needs kysera-soft-delete on the classpath; the start fails
     * if it is enabled without it).
     *
     * @param enabled        whether to register the plugin
     * @param column         the timestamp column marking deleted rows
     * @param tables         the soft-deletable tables; empty for every table that has the column
     * @param deleteAsUpdate whether every DELETE on those tables becomes an UPDATE setting the column
     */
    public record SoftDelete(@DefaultValue("false") boolean enabled, @DefaultValue("deleted_at") String column, List<String> tables,
                             @DefaultValue("false") boolean deleteAsUpdate) {

        /** Checks the column name and copies the tables. */
        public SoftDelete {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("kysera.soft-delete.column must name a column, was '" + column + "'");
            }
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    /**
     * The timestamps plugin as a bean (needs kysera-timestamps on the classpath; the start fails if
     * it is enabled without it).
     *
     * @param enabled       whether to register the plugin
     * @param createdColumn the column set on INSERT
     * @param updatedColumn the column set on UPDATE
     * @param tables        the stamped tables; empty for every table that has the columns
     */
    public record Timestamps(@DefaultValue("false") boolean enabled, @DefaultValue("created_at") String createdColumn,
                             @DefaultValue("updated_at") String updatedColumn, List<String> tables) {

        /** Checks the column names and copies the tables. */
        public Timestamps {
            if (createdColumn == null || createdColumn.isBlank() || updatedColumn == null || updatedColumn.isBlank()) {
                throw new IllegalArgumentException("kysera.timestamps.created-column and updated-column must name columns, were '"
                        + createdColumn + "' and '" + updatedColumn + "'");
            }
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
