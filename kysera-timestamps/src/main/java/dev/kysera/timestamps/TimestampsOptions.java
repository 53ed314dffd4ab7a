package dev.kysera.timestamps;

import dev.kysera.core.temporal.TimestampStorage;
import dev.kysera.executor.TableSelection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TimestampsPlugin} stamps rows. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Defaults: plugin name {@code timestamps}, columns {@code created_at} and {@code updated_at},
 * every table whose jOOQ metadata has at least one of them, the caller's explicit value kept,
 * {@code updated_at} also set on INSERT, {@link TimestampStorage#AUTO}, {@link Clock#systemUTC()},
 * priority 100.
 *
 * <p>Tables without column metadata ({@code DSL.table("users")}) are stamped only when listed in
 * {@link Builder#tables(String...)}; both enabled columns are then assumed to exist.
 */
public final class TimestampsOptions {

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

    private final String name;
    private final String createdColumn;
    private final String updatedColumn;
    private final TableSelection tables;
    private final boolean overwriteExplicit;
    private final boolean updatedOnInsert;
    private final TimestampStorage storage;
    private final Clock clock;
    private final int priority;

    private TimestampsOptions(Builder builder) {
        this.name = requireText(builder.name, "name");
        this.createdColumn = builder.createdColumn == null ? null : identifier(builder.createdColumn, "created column");
        this.updatedColumn = builder.updatedColumn == null ? null : identifier(builder.updatedColumn, "updated column");
        if (createdColumn == null && updatedColumn == null) {
            throw new IllegalArgumentException("Timestamps plugin '" + name + "' has neither a created nor an updated column");
        }
        if (createdColumn != null && createdColumn.equalsIgnoreCase(updatedColumn)) {
            throw new IllegalArgumentException("Created and updated columns must differ: " + createdColumn);
        }
        this.tables = Objects.requireNonNull(builder.tables, "tables");
        this.overwriteExplicit = builder.overwriteExplicit;
        this.updatedOnInsert = builder.updatedOnInsert;
        this.storage = Objects.requireNonNull(builder.storage, "storage");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.priority = builder.priority;
    }

    /**
     * Starts a builder from the defaults listed on this class.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default options listed on this class.
     *
     * @return the default options
     */
    public static TimestampsOptions defaults() {
        return builder().build();
    }

    /**
     * Starts a builder from these options, to change a copy.
     *
     * @return a new builder holding every value of these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.createdColumn = createdColumn;
        builder.updatedColumn = updatedColumn;
        builder.tables = tables;
        builder.overwriteExplicit = overwriteExplicit;
        builder.updatedOnInsert = updatedOnInsert;
        builder.storage = storage;
        builder.clock = clock;
        builder.priority = priority;
        return builder;
    }

    /**
     * The plugin name, used for ordering, in its extension key and for
     * {@code executor.withoutPlugin(name)}.
     *
     * @return the name, never blank
     */
    public String name() {
        return name;
    }

    /**
     * The creation-time column, set on INSERT.
     *
     * @return the column's name, or empty when creation times are disabled
     */
    public Optional<String> createdColumn() {
        return Optional.ofNullable(createdColumn);
    }

    /**
     * The modification-time column, set on UPDATE (and INSERT, see {@link #updatedOnInsert()}).
     *
     * @return the column's name, or empty when modification times are disabled
     */
    public Optional<String> updatedColumn() {
        return Optional.ofNullable(updatedColumn);
    }

    /**
     * Which tables are stamped.
     *
     * @return the table selection; {@link TableSelection#ALL} selects by column presence
     */
    public TableSelection tables() {
        return tables;
    }

    /**
     * Whether the plugin's value replaces one the statement sets explicitly.
     *
     * @return {@code true} if the plugin's time always wins, {@code false} (default) if the
     *         caller's value wins
     */
    public boolean overwriteExplicit() {
        return overwriteExplicit;
    }

    /**
     * Whether INSERT also sets the updated column, to the same instant as the created column.
     *
     * @return {@code true} (default) if INSERT sets both columns
     */
    public boolean updatedOnInsert() {
        return updatedOnInsert;
    }

    /**
     * The Java type written; see {@link TimestampStorage}.
     *
     * @return the storage, {@link TimestampStorage#AUTO} by default
     */
    public TimestampStorage storage() {
        return storage;
    }

    /**
     * Where the time comes from.
     *
     * @return the clock, {@link Clock#systemUTC()} by default
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The plugin's priority among the executor's plugins (higher runs first).
     *
     * @return the priority, 100 by default
     */
    public int priority() {
        return priority;
    }

    @Override
    public String toString() {
        return "TimestampsOptions[name=" + name + ", created=" + createdColumn + ", updated=" + updatedColumn
                + ", tables=" + tables + ", overwriteExplicit=" + overwriteExplicit + ", updatedOnInsert=" + updatedOnInsert
                + ", storage=" + storage + ", clock=" + clock + ", priority=" + priority + "]";
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The timestamps plugin's " + what + " must not be blank");
        }
        return value;
    }

    private static String identifier(String value, String what) {
        if (!value.matches(IDENTIFIER)) {
            throw new IllegalArgumentException("Invalid " + what + " name: '" + value + "'");
        }
        return value;
    }

    /** Builds {@link TimestampsOptions}. Not thread-safe. */
    public static final class Builder {
        private String name = "timestamps";
        private String createdColumn = "created_at";
        private String updatedColumn = "updated_at";
        private TableSelection tables = TableSelection.ALL;
        private boolean overwriteExplicit;
        private boolean updatedOnInsert = true;
        private TimestampStorage storage = TimestampStorage.AUTO;
        private Clock clock = Clock.systemUTC();
        private int priority = 100;

        private Builder() {
        }

        /**
         * Sets the plugin's name; give two instances (e.g. for different tables or columns) distinct
         * names.
         *
         * @param value the name; null or blank makes {@link #build()} throw
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Sets the creation-time column (default {@code created_at}).
         *
         * @param value the column's name; an invalid identifier makes {@link #build()} throw
         * @return this builder
         * @throws NullPointerException if {@code value} is null (use {@link #withoutCreatedColumn()})
         */
        public Builder createdColumn(String value) {
            this.createdColumn = Objects.requireNonNull(value, "created column");
            return this;
        }

        /**
         * Sets the modification-time column (default {@code updated_at}).
         *
         * @param value the column's name; an invalid identifier makes {@link #build()} throw
         * @return this builder
         * @throws NullPointerException if {@code value} is null (use {@link #withoutUpdatedColumn()})
         */
        public Builder updatedColumn(String value) {
            this.updatedColumn = Objects.requireNonNull(value, "updated column");
            return this;
        }

        /**
         * Disables creation times: INSERT sets no creation column.
         *
         * @return this builder
         */
        public Builder withoutCreatedColumn() {
            this.createdColumn = null;
            return this;
        }

        /**
         * Disables modification times: no statement sets an updated column, and
         * {@link RepositoryTimestamps#touch} throws.
         *
         * @return this builder
         */
        public Builder withoutUpdatedColumn() {
            this.updatedColumn = null;
            return this;
        }

        /**
         * Stamps only these tables (exact names, case-insensitive, schema ignored). Needed for tables
         * jOOQ has no column metadata for, such as {@code DSL.table(name)}. Replaces any earlier
         * list and keeps the exclusions.
         *
         * @param names table names
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is given twice
         */
        public Builder tables(String... names) {
            this.tables = tables.including(names);
            return this;
        }

        /**
         * Never stamps these tables (exact names, case-insensitive); wins over
         * {@link #tables(String...)}. Replaces any earlier exclusion list.
         *
         * @param names table names
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is given twice
         */
        public Builder excludeTables(String... names) {
            this.tables = tables.excluding(names);
            return this;
        }

        /**
         * When true, the plugin's time replaces a value the statement sets explicitly (so callers
         * cannot back-date or spoof {@code created_at}); when false (default) the caller's value wins.
         *
         * @param value whether the plugin's time wins
         * @return this builder
         */
        public Builder overwriteExplicit(boolean value) {
            this.overwriteExplicit = value;
            return this;
        }

        /**
         * Whether INSERT also sets the updated column (default true); false leaves it NULL (or its
         * default) until the first UPDATE.
         *
         * @param value whether INSERT sets the updated column
         * @return this builder
         */
        public Builder updatedOnInsert(boolean value) {
            this.updatedOnInsert = value;
            return this;
        }

        /**
         * Sets the Java type written (default {@link TimestampStorage#AUTO}, decided per column).
         *
         * @param value the storage
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder storage(TimestampStorage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /**
         * Sets the time source (default {@link Clock#systemUTC()}); a fixed clock makes tests exact.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the plugin's priority among the executor's plugins (default 100; higher runs first).
         * With the default it runs after soft delete ({@code SoftDeletePlugin.PRIORITY}, 500).
         *
         * @param value the priority
         * @return this builder
         */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         * @throws NullPointerException     if the name is null
         * @throws IllegalArgumentException for an invalid column name, equal columns, both columns
         *                                  disabled or a blank name
         */
        public TimestampsOptions build() {
            return new TimestampsOptions(this);
        }

        /**
         * Shorthand for {@code TimestampsPlugin.of(build())}.
         *
         * @return a new plugin with the built options
         * @throws IllegalArgumentException as {@link #build()} does
         */
        public TimestampsPlugin plugin() {
            return TimestampsPlugin.of(build());
        }
    }
}
