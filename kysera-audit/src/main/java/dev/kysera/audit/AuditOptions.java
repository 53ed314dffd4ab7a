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

    /** Validates the names; the audit table cannot be audited. */
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

    /** Options without {@code changedByFrom}, as before it existed. */
    public AuditOptions(String name, String auditTable, Map<String, AuditedTable> tables, Clock clock, ContextKey<?> changedBy,
                        Function<PluginContext, Map<String, ?>> metadata, int maxValueLength) {
        this(name, auditTable, tables, clock, changedBy, metadata, maxValueLength, null);
    }

    /** The defaults: table {@code audit_log}, no audited tables yet, UTC clock, nobody, no metadata. */
    public static AuditOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder().name(name).auditTable(auditTable).clock(clock).changedBy(changedBy).metadata(metadata)
                .maxValueLength(maxValueLength).changedByFrom(changedByFrom);
        tables.values().forEach(builder::table);
        return builder;
    }

    /** The audited table of that name, if audited. */
    public Optional<AuditedTable> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName.toLowerCase(Locale.ROOT)));
    }

    /** The audit table's name without its schema. */
    public String auditTableName() {
        return auditTableName(auditTable);
    }

    /** The audit table's schema, if it was qualified. */
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

        /** The plugin's name; distinct names let two audit plugins (e.g. two logs) coexist. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** The audit log table, {@code table} or {@code schema.table}. */
        public Builder auditTable(String value) {
            this.auditTable = value;
            return this;
        }

        /** Audits {@code table}, whose primary key is {@code keyColumns} (several for a composite key). */
        public Builder table(String table, String... keyColumns) {
            return table(AuditedTable.of(table, keyColumns));
        }

        /** Audits a table (replacing an earlier definition of the same table). */
        public Builder table(AuditedTable table) {
            tables.put(table.name(), Objects.requireNonNull(table, "table"));
            return this;
        }

        /** Audits all these tables. */
        public Builder tables(Collection<AuditedTable> values) {
            values.forEach(this::table);
            return this;
        }

        /** The clock {@code changed_at} is read from. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The context attribute naming who changes rows ({@code executor.with(key, user)}); null for none. */
        public Builder changedBy(ContextKey<?> value) {
            this.changedBy = value;
            return this;
        }

        /**
         * Who changes rows, computed from each statement's context when it runs (a null result stores
         * no one); null for none. Exclusive with {@link #changedBy(ContextKey)}.
         */
        public Builder changedByFrom(Function<PluginContext, String> value) {
            this.changedByFrom = value;
            return this;
        }

        /** Extra attributes stored as JSON with every entry, from the statement's context; null for none. */
        public Builder metadata(Function<PluginContext, Map<String, ?>> value) {
            this.metadata = value;
            return this;
        }

        /** Text values longer than this are stored truncated (and then cannot be restored); 0 for no limit. */
        public Builder maxValueLength(int value) {
            this.maxValueLength = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a name is invalid, the audit table is among the audited ones or
         *                                  both {@code changedBy} and {@code changedByFrom} are set
         */
        public AuditOptions build() {
            return new AuditOptions(name, auditTable, tables, clock, changedBy, metadata, maxValueLength, changedByFrom);
        }

        /** Builds the options and a plugin with them. */
        public AuditPlugin plugin() {
            return AuditPlugin.of(build());
        }
    }
}
