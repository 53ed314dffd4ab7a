package dev.kysera.audit;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.PluginContext;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link AuditPlugin} records and where. Immutable; build with {@link #builder()}, start from
 * {@link #defaults()} or change a copy with {@link #toBuilder()}.
 *
 * @param name       the plugin's name (default {@code audit})
 * @param auditTable the audit log table (default {@code audit_log}), optionally schema-qualified
 *                   ({@code "history.audit_log"})
 * @param tables     the audited tables by lower-cased name
 * @param clock      the time written to {@code changed_at} (default: UTC system clock)
 * @param changedBy  the context attribute naming who made a change, stored with {@code toString()};
 *                   {@code null} stores no one
 * @param changedByFrom who made a change, computed from the statement's context when it runs (e.g. from
 *                   the thread's security context); {@code null} when {@code changedBy} (or no one) is used.
 *                   At most one of {@code changedBy} and {@code changedByFrom} is set
 * @param metadata   extra JSON-able attributes stored with each entry, computed from the statement's
 *                   context; {@code null} stores none
 * @param maxValueLength text values (strings, Base64 bytes) longer than this many characters are stored
 *                   cut to that length with {@value #TRUNCATED} and their length appended, so a large value
 *                   never fails the write; 0 (default) stores every value whole
 */
public record AuditOptions(String name, String auditTable, Map<String, AuditedTable> tables, Clock clock, ContextKey<?> changedBy,
                           Function<PluginContext, Map<String, ?>> metadata, int maxValueLength,
                           Function<PluginContext, String> changedByFrom) {

    /** What follows the kept part of a truncated value: {@code "…[truncated, 123456 chars]"}. */
    public static final String TRUNCATED = "…[truncated, ";

    /**
     * Validates the names and lower-cases the audit table's.
     *
     * @throws IllegalArgumentException for an invalid audit table name, a negative {@code maxValueLength}, the
     *                                  audit table among the audited ones, or both {@code changedBy} and
     *                                  {@code changedByFrom} set
     * @throws NullPointerException     for a null name, audit table, table map or clock
     */
    public AuditOptions {
        name = Objects.requireNonNull(name, "name");
        auditTable = Objects.requireNonNull(auditTable, "auditTable").toLowerCase(Locale.ROOT);
        for (String part : auditTable.split("\\.", -1)) {
            identifier(part, "audit table name");
        }
        if (auditTable.split("\\.").length > 2) {
            throw new IllegalArgumentException("The audit table is [schema.]table, not " + auditTable);
        }
        tables = Map.copyOf(tables);
        Objects.requireNonNull(clock, "clock");
        if (maxValueLength < 0) {
            throw new IllegalArgumentException("maxValueLength must be 0 (no limit) or positive, not " + maxValueLength);
        }
        if (tables.containsKey(auditTableName(auditTable))) {
            throw new IllegalArgumentException("The audit table " + auditTable + " cannot itself be audited");
        }
        if (changedBy != null && changedByFrom != null) {
            throw new IllegalArgumentException("changedBy (" + changedBy + ") and changedByFrom are both set; choose one");
        }
    }

    /**
     * Options without {@code changedByFrom}, as before it existed.
     *
     * @param name           the plugin's name
     * @param auditTable     the audit log table, optionally schema-qualified
     * @param tables         the audited tables by lower-cased name
     * @param clock          the time written to {@code changed_at}
     * @param changedBy      the context attribute naming who made a change, or {@code null}
     * @param metadata       extra attributes stored with each entry, or {@code null}
     * @param maxValueLength the length above which text values are stored truncated; 0 for no limit
     * @throws IllegalArgumentException as the canonical constructor
     * @throws NullPointerException     as the canonical constructor
     */
    public AuditOptions(String name, String auditTable, Map<String, AuditedTable> tables, Clock clock, ContextKey<?> changedBy,
                        Function<PluginContext, Map<String, ?>> metadata, int maxValueLength) {
        this(name, auditTable, tables, clock, changedBy, metadata, maxValueLength, null);
    }

    /**
     * The options before anything is configured.
     *
     * @return table {@code audit_log}, no audited tables yet, UTC clock, nobody, no metadata, no truncation
     */
    public static AuditOptions defaults() {
        return builder().build();
    }

    /**
     * Starts options from the defaults.
     *
     * @return a builder holding {@link #defaults()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a variant of these options.
     *
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder().name(name).auditTable(auditTable).clock(clock).changedBy(changedBy).metadata(metadata)
                .maxValueLength(maxValueLength).changedByFrom(changedByFrom);
        tables.values().forEach(builder::table);
        return builder;
    }

    /**
     * Looks an audited table up, ignoring case.
     *
     * @param tableName the physical table name, without schema
     * @return the audited table, or empty if it is not audited
     */
    public Optional<AuditedTable> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName.toLowerCase(Locale.ROOT)));
    }

    /**
     * The audit table as statements name it without schema.
     *
     * @return the audit table's name without its schema
     */
    public String auditTableName() {
        return auditTableName(auditTable);
    }

    /**
     * The audit table's schema.
     *
     * @return the schema, or empty if the audit table was not qualified
     */
    public Optional<String> auditTableSchema() {
        int dot = auditTable.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(auditTable.substring(0, dot));
    }

    private static String auditTableName(String qualified) {
        return qualified.substring(qualified.indexOf('.') + 1);
    }

    static String identifier(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid " + what + ": '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Builds {@link AuditOptions}; not thread-safe. */
    public static final class Builder {
        private String name = "audit";
        private String auditTable = "audit_log";
        private final Map<String, AuditedTable> tables = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ContextKey<?> changedBy;
        private Function<PluginContext, Map<String, ?>> metadata;
        private int maxValueLength;
        private Function<PluginContext, String> changedByFrom;

        private Builder() {
        }

        /**
         * Names the plugin; distinct names let two audit plugins (e.g. two logs) coexist.
         *
         * @param value the name (default {@code audit})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Sets where entries are written.
         *
         * @param value {@code table} or {@code schema.table} (default {@code audit_log})
         * @return this builder
         */
        public Builder auditTable(String value) {
            this.auditTable = value;
            return this;
        }

        /**
         * Audits a table without exclusions or redactions.
         *
         * @param table      the physical table name
         * @param keyColumns its primary key columns (several for a composite key)
         * @return this builder
         * @throws IllegalArgumentException for an invalid name, no key column, or a key column given twice
         */
        public Builder table(String table, String... keyColumns) {
            return table(AuditedTable.of(table, keyColumns));
        }

        /**
         * Audits a table, replacing an earlier definition of the same table.
         *
         * @param table the table, its key, exclusions and redactions
         * @return this builder
         * @throws NullPointerException for a null table
         */
        public Builder table(AuditedTable table) {
            tables.put(table.name(), Objects.requireNonNull(table, "table"));
            return this;
        }

        /**
         * Audits several tables, as {@link #table(AuditedTable)} each.
         *
         * @param values the tables
         * @return this builder
         */
        public Builder tables(Collection<AuditedTable> values) {
            values.forEach(this::table);
            return this;
        }

        /**
         * Sets the clock {@code changed_at} and retention are read from; tests pass a fixed one.
         *
         * @param value the clock (default: the UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Records who changes rows from a context attribute ({@code executor.with(key, user)}).
         *
         * @param value the attribute, its value stored with {@code toString()}; null for none
         * @return this builder
         */
        public Builder changedBy(ContextKey<?> value) {
            this.changedBy = value;
            return this;
        }

        /**
         * Who changes rows, computed from each statement's context when it runs (a null result stores
         * no one); null for none. Exclusive with {@link #changedBy(ContextKey)}.
         *
         * @param value computes the user from the statement's context
         * @return this builder
         */
        public Builder changedByFrom(Function<PluginContext, String> value) {
            this.changedByFrom = value;
            return this;
        }

        /**
         * Stores extra attributes as JSON with every entry.
         *
         * @param value computes them from the statement's context; null for none
         * @return this builder
         */
        public Builder metadata(Function<PluginContext, Map<String, ?>> value) {
            this.metadata = value;
            return this;
        }

        /**
         * Bounds stored text values, so a large value never fails the write; a truncated value cannot be restored.
         *
         * @param value the length above which text values are stored truncated; 0 (the default) for no limit
         * @return this builder
         */
        public Builder maxValueLength(int value) {
            this.maxValueLength = value;
            return this;
        }

        /**
         * Validates the values set.
         *
         * @return the options
         * @throws IllegalArgumentException if a name is invalid, {@code maxValueLength} is negative, the audit
         *                                  table is among the audited ones or both {@code changedBy} and
         *                                  {@code changedByFrom} are set
         * @throws NullPointerException     for a name, audit table or clock set to null
         */
        public AuditOptions build() {
            return new AuditOptions(name, auditTable, tables, clock, changedBy, metadata, maxValueLength, changedByFrom);
        }

        /**
         * Builds the options and a plugin with them.
         *
         * @return a plugin with the options built
         * @throws IllegalArgumentException as {@link #build()}
         */
        public AuditPlugin plugin() {
            return AuditPlugin.of(build());
        }
    }
}
