package dev.kysera.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param micrometer kysera-micrometer's plugin, when it and an ObservationRegistry bean are present
 * @param audit      the kysera-audit plugin, built when audited tables are named
 * @param debug      kysera-debug's query log
 * @param migrations kysera-migrations run at startup, when it is on the class path
 */
@ConfigurationProperties("kysera")
public record KyseraProperties(String dialect, @DefaultValue("kysera") ErrorMode errors, @DefaultValue Rls rls,
                               @DefaultValue Health health, @DefaultValue Web web, @DefaultValue SoftDelete softDelete,
                               @DefaultValue Timestamps timestamps, @DefaultValue Micrometer micrometer,
                               @DefaultValue Audit audit, @DefaultValue Debug debug,
                               @DefaultValue Migrations migrations) {

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
     * The Actuator health indicator {@code kysera} and kysera-infra's {@code HealthCheck} behind it
     * (used when kysera-infra and Actuator are present). Options left unset keep
     * {@code HealthOptions.defaults()}, except that latency thresholds above the timeout are lowered
     * to it (unhealthy) and half of it (degraded); a bad combination fails the start naming it.
     *
     * @param enabled                 whether the indicator is registered
     * @param timeout                 how long one check may take before the database counts as down
     * @param degradedLatency         a probe round trip at least this long is DEGRADED (module default 100 ms)
     * @param unhealthyLatency        a probe round trip at least this long is UNHEALTHY, at most the timeout (module default 1 s)
     * @param poolSaturation          pool use ({@code active / max}) at or above which the status is DEGRADED, in (0, 1]
     *                                (module default 0.9)
     * @param validationQuery         the probe's statement (module default {@code SELECT 1})
     * @param replication             whether a replica's replication lag is read (module default true)
     * @param degradedReplicationLag  a replica at least this far behind is DEGRADED (module default 10 s)
     * @param unhealthyReplicationLag a replica at least this far behind is UNHEALTHY (module default 60 s)
     */
    public record Health(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration timeout, Duration degradedLatency,
                         Duration unhealthyLatency, Double poolSaturation, String validationQuery, Boolean replication,
                         Duration degradedReplicationLag, Duration unhealthyReplicationLag) {

        /** Checks that the timeout is positive. */
        public Health {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("kysera.health.timeout must be positive, was " + timeout);
            }
        }
    }

    /**
     * kysera-migrations' {@code Migrator}, run at startup before any bean uses the executor (when
     * kysera-migrations is on the class path). Options left unset keep {@code MigrationConfig}'s
     * defaults; a bad value fails the start naming it.
     *
     * @param enabled         whether migrations run at startup (and the {@code Migrator} bean exists)
     * @param locations       where SQL migrations are, each {@code classpath:<resource directory>} or
     *                        {@code filesystem:<directory>} (no prefix means class path); unset:
     *                        {@code classpath:db/migrations}, which may be absent. A location that is set
     *                        and holds no migration fails the start
     * @param mode            {@code migrate} applies pending migrations; {@code validate} only checks the
     *                        history against the code and fails the start when a migration is pending
     * @param baselineVersion when set, an empty history is first baselined at this version (migrations up
     *                        to it count as applied and never run), to adopt an existing database
     * @param lockTimeout     how long to wait for another instance's migration lock (module default one minute)
     * @param historyTable    the history table (module default {@code kysera_schema_history})
     * @param historySchema   the history table's schema or database (module default the connection's)
     * @param installedBy     recorded as {@code installed_by} (module default the database user)
     * @param outOfOrder      whether a pending migration older than the newest applied one may run
     */
    public record Migrations(@DefaultValue("true") boolean enabled, List<String> locations,
                             @DefaultValue("migrate") MigrationsMode mode, String baselineVersion, Duration lockTimeout,
                             String historyTable, String historySchema, String installedBy,
                             @DefaultValue("false") boolean outOfOrder) {

        /** The location used when none is set. */
        public static final String DEFAULT_LOCATION = "classpath:db/migrations";

        /** Copies the locations and refuses a baseline that validation would never record. */
        public Migrations {
            locations = locations == null ? List.of() : List.copyOf(locations);
            baselineVersion = blankToNull(baselineVersion);
            if (baselineVersion != null && mode == MigrationsMode.VALIDATE) {
                throw new IllegalArgumentException("kysera.migrations.baseline-version=" + baselineVersion
                        + " is set but kysera.migrations.mode=validate changes nothing, so it would never be recorded");
            }
        }
    }

    /** What the startup run of kysera-migrations does. */
    public enum MigrationsMode {
        /** Applies pending migrations (after the baseline, when one is configured). */
        MIGRATE,
        /** Changes nothing: checks the history against the code and fails the start when a migration is pending. */
        VALIDATE
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

    /**
     * kysera-micrometer's {@code MicrometerPlugin}, registered when kysera-micrometer and an
     * {@code ObservationRegistry} bean are present. Options left unset keep
     * {@code MicrometerOptions.defaults()}; bad values fail the start naming them.
     *
     * @param enabled             whether the plugin is registered
     * @param prefix              observation and meter names, {@code <prefix>.operation} and {@code <prefix>.transaction}
     *                            (the module's default is {@code db.client})
     * @param includeQueryText    whether spans carry the SQL ({@code db.query.text}), bind markers in place of values
     * @param maxQueryTextLength  the SQL is cut at this many characters
     * @param includeBindValues   whether spans carry the first row's bind values (needs the query text; may be personal data)
     * @param maxBindValues       at most this many bind values
     * @param maxBindValueLength  each bind value cut at this many characters
     * @param observeTransactions whether transactions are observed too
     * @param maxCollectionNames  distinct {@code db.collection.name} tag values before new tables become {@code _OTHER}
     * @param rowMetrics          whether the returned-rows summary and affected-rows counter are recorded in the
     *                            application's {@code MeterRegistry}; the start fails when asked for without one
     */
    public record Micrometer(@DefaultValue("true") boolean enabled, String prefix, Boolean includeQueryText,
                             Integer maxQueryTextLength, Boolean includeBindValues, Integer maxBindValues,
                             Integer maxBindValueLength, Boolean observeTransactions, Integer maxCollectionNames,
                             Boolean rowMetrics) {

        /** The options set, by property name, to tell a configuration that found no plugin to apply to. */
        List<String> optionsSet() {
            return namesOfSet("kysera.micrometer.", new String[] {"prefix", "include-query-text", "max-query-text-length",
                    "include-bind-values", "max-bind-values", "max-bind-value-length", "observe-transactions", "max-collection-names",
                    "row-metrics"}, prefix, includeQueryText, maxQueryTextLength, includeBindValues, maxBindValues, maxBindValueLength,
                    observeTransactions, maxCollectionNames, rowMetrics);
        }
    }

    /**
     * kysera-audit's {@code AuditPlugin}, built when kysera-audit is present and at least one
     * table is named. Setting any other audit property without a table fails the start.
     *
     * @param tables         audited tables by name, each with its primary key columns
     * @param auditTable     the audit log table, {@code table} or {@code schema.table} (the module's default is {@code audit_log})
     * @param maxValueLength longer text values are stored cut; 0 for no limit
     * @param name           the plugin's name (the module's default is {@code audit})
     * @param recordChangedBy whether {@code changed_by} comes from the {@link ChangedByResolver} bean (with Spring Security:
     *                       the current {@code Authentication}'s name); unset: when there is such a bean. {@code true}
     *                       without one fails the start
     * @param metadata       request attributes stored as each entry's metadata
     */
    public record Audit(Map<String, AuditedTableProperties> tables, String auditTable, Integer maxValueLength, String name,
                        Boolean recordChangedBy, @DefaultValue AuditMetadata metadata) {

        /** Refuses audit settings that would configure nothing. */
        public Audit {
            tables = tables == null ? Map.of() : Map.copyOf(tables);
            metadata = metadata == null ? new AuditMetadata(null, false, false) : metadata;
            if (tables.isEmpty() && (auditTable != null || maxValueLength != null || name != null || recordChangedBy != null
                    || metadata.any())) {
                throw new IllegalArgumentException("kysera.audit.* is set (audit-table=" + auditTable + ", max-value-length="
                        + maxValueLength + ", name=" + name + ", record-changed-by=" + recordChangedBy + ", metadata=" + metadata
                        + ") but kysera.audit.tables names no table, so nothing would be audited");
            }
        }
    }

    /**
     * Attributes of the HTTP request an audited statement runs in, stored as JSON in the entry's
     * {@code metadata} (servlet web applications; a statement outside a request stores none).
     *
     * @param headers       request headers to store, as {@code http.request.header.<name in lower case>}
     *                      (e.g. {@code X-Request-Id}); absent headers are left out
     * @param remoteAddress whether the client's address is stored, as {@code client.address}
     * @param request       whether the method and path are stored, as {@code http.request.method} and {@code url.path}
     */
    public record AuditMetadata(List<String> headers, @DefaultValue("false") boolean remoteAddress, @DefaultValue("false") boolean request) {

        /** Copies the header names. */
        public AuditMetadata {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }

        /** Whether anything is to be stored. */
        boolean any() {
            return !headers.isEmpty() || remoteAddress || request;
        }
    }

    /**
     * One audited table.
     *
     * @param key       its primary key columns (composite allowed); required
     * @param excluding columns never stored, nor that they changed
     * @param redacting columns whose changes are recorded with the value stored as {@code [redacted]}
     */
    public record AuditedTableProperties(List<String> key, List<String> excluding, List<String> redacting) {

        /** Copies the lists. */
        public AuditedTableProperties {
            key = key == null ? List.of() : List.copyOf(key);
            excluding = excluding == null ? List.of() : List.copyOf(excluding);
            redacting = redacting == null ? List.of() : List.copyOf(redacting);
        }
    }

    /**
     * kysera-debug's plugins.
     *
     * @param queryLog the query log
     * @param profiler the profiler
     * @param nPlusOne the N+1 detector
     */
    public record Debug(@DefaultValue QueryLog queryLog, @DefaultValue Profiler profiler, @DefaultValue NPlusOne nPlusOne) {
    }

    /**
     * kysera-debug's {@code Profiler}, registered when kysera-debug is present and it is enabled;
     * inject it for {@code snapshot()} and {@code report()}. Setting an option without
     * {@code enabled=true} fails the start.
     *
     * @param enabled   whether the profiler is registered
     * @param maxShapes the most statement shapes kept (the module's default is 1,000)
     */
    public record Profiler(@DefaultValue("false") boolean enabled, Integer maxShapes) {

        /** Refuses options for a profiler that is not enabled. */
        public Profiler {
            requireEnabled("kysera.debug.profiler.", enabled, new String[] {"max-shapes"}, maxShapes);
        }
    }

    /**
     * kysera-debug's {@code NPlusOneDetector}, registered when kysera-debug is present and it is
     * enabled. Options left unset keep {@code NPlusOneOptions.defaults()}; setting one without
     * {@code enabled=true} fails the start.
     *
     * @param enabled          whether the detector is registered
     * @param threshold        a shape is a finding when it runs with more than this many different bind-value lists in one
     *                         unit of work (the module's default is 5)
     * @param mode             {@code log}, {@code collect} or {@code throw} (the module's default is {@code log})
     * @param kinds            the statement kinds counted, e.g. {@code select,insert} (the module's default is SELECT)
     * @param level            the {@code System.Logger} level of logged findings (the module's default is {@code WARNING})
     * @param maxFindings      findings kept by the detector (the module's default is 100)
     * @param maxShapesPerUnit shapes tracked per unit of work (the module's default is 1,000)
     * @param maxOpenUnits     units of work tracked at once (the module's default is 10,000)
     * @param requestScope     whether each HTTP request of a servlet web application is one unit of work (default true);
     *                         otherwise only transactions and scopes you open are
     */
    public record NPlusOne(@DefaultValue("false") boolean enabled, Integer threshold, String mode, List<String> kinds, String level,
                           Integer maxFindings, Integer maxShapesPerUnit, Integer maxOpenUnits, Boolean requestScope) {

        /** Refuses options for a detector that is not enabled. */
        public NPlusOne {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            requireEnabled("kysera.debug.n-plus-one.", enabled, new String[] {"threshold", "mode", "kinds", "level", "max-findings",
                    "max-shapes-per-unit", "max-open-units", "request-scope"}, threshold, mode, kinds.isEmpty() ? null : kinds, level,
                    maxFindings, maxShapesPerUnit, maxOpenUnits, requestScope);
        }
    }

    /**
     * kysera-debug's {@code QueryLog}, registered when kysera-debug is present and it is enabled.
     * Options left unset keep {@code QueryLogOptions.defaults()}; setting one without
     * {@code enabled=true} fails the start, so a log you configured is never silently missing.
     *
     * @param enabled           whether the query log is registered
     * @param slowThreshold     statements taking at least this long are logged at the slow level
     *                          (the module's default is 100 ms; zero makes every statement slow)
     * @param slowAndFailedOnly production mode: only slow and failed statements are logged
     * @param logBinds          whether bind values are logged (they may be personal data)
     * @param redactColumns     values compared with or written to these columns are logged as {@code <redacted>}
     * @param maxValueLength    longer logged values are cut
     * @param style             {@code ONE_LINE} or {@code FORMATTED}
     */
    public record QueryLog(@DefaultValue("false") boolean enabled, Duration slowThreshold, Boolean slowAndFailedOnly,
                           Boolean logBinds, List<String> redactColumns, Integer maxValueLength, String style) {

        /** Refuses options for a query log that is not enabled. */
        public QueryLog {
            redactColumns = redactColumns == null ? List.of() : List.copyOf(redactColumns);
            requireEnabled("kysera.debug.query-log.", enabled, new String[] {"slow-threshold", "slow-and-failed-only", "log-binds",
                    "redact-columns", "max-value-length", "style"}, slowThreshold, slowAndFailedOnly, logBinds,
                    redactColumns.isEmpty() ? null : redactColumns, maxValueLength, style);
        }
    }

    /** Options set for a debug plugin that is not enabled would do nothing: refuses them, naming them. */
    private static void requireEnabled(String prefix, boolean enabled, String[] names, Object... values) {
        List<String> set = enabled ? List.of() : namesOfSet("", names, values);
        if (!set.isEmpty()) {
            throw new IllegalArgumentException(prefix + String.join(", ", set) + " set but " + prefix
                    + "enabled is not true, so it would not run");
        }
    }

    /** The names (after {@code prefix}) of the values that are set, in order. */
    private static List<String> namesOfSet(String prefix, String[] names, Object... values) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                set.add(prefix + names[i]);
            }
        }
        return set;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
