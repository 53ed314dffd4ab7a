package dev.kysera.softdelete;

import dev.kysera.executor.TableSelection;
import java.time.Clock;
import java.util.Objects;

/**
 * How {@link SoftDeletePlugin} marks rows. Immutable; start from {@link #defaults()} or
 * {@link #builder()}, change a copy with {@link #toBuilder()}.
 *
 * @param name           the plugin's name (default {@code soft-delete}); distinct names let two
 *                       instances (e.g. a timestamp column and a flag column) coexist
 * @param column         the marker column (default {@code deleted_at})
 * @param marker         a nullable timestamp (NULL = live) or a boolean flag (false = live)
 * @param tables         which tables have the marker
 * @param deleteAsUpdate whether a DELETE on those tables becomes an UPDATE that marks the rows
 * @param clock          the time written by timestamp markers
 */
public record SoftDeleteOptions(String name, String column, Marker marker, TableSelection tables, boolean deleteAsUpdate,
        Clock clock) {

    /** How a deleted row is recognised. */
    public enum Marker {
        /** A nullable timestamp column: NULL while live, the deletion time once deleted. */
        TIMESTAMP,
        /** A boolean column: false while live, true once deleted. */
        FLAG
    }

    /**
     * Validates the options.
     *
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code column} is not a plain SQL identifier (letters,
     *                                  digits, underscores, not starting with a digit)
     */
    public SoftDeleteOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(clock, "clock");
        if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid soft-delete column name: " + column);
        }
    }

    /**
     * Starts a builder from the defaults (see {@link #defaults()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default options: a {@code deleted_at} timestamp marker on every table that has it (as
     * jOOQ's metadata shows), no DELETE rewriting, the UTC system clock, plugin name
     * {@code soft-delete}.
     *
     * @return the default options
     */
    public static SoftDeleteOptions defaults() {
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
        builder.column = column;
        builder.marker = marker;
        builder.tables = tables;
        builder.deleteAsUpdate = deleteAsUpdate;
        builder.clock = clock;
        return builder;
    }

    /** Builds {@link SoftDeleteOptions}; defaults: {@code deleted_at} timestamp, every table that has it, UTC clock. */
    public static final class Builder {
        private String name = "soft-delete";
        private String column = "deleted_at";
        private Marker marker = Marker.TIMESTAMP;
        private TableSelection tables = TableSelection.ALL;
        private boolean deleteAsUpdate;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the plugin's name, which also prefixes its context and extension keys: give two
         * instances on one executor distinct names.
         *
         * @param value the name; null makes {@link #build()} throw
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Uses a nullable timestamp marker: NULL while live, the deletion time once deleted.
         *
         * @param value the column's name; an invalid identifier makes {@link #build()} throw
         * @return this builder
         */
        public Builder timestampColumn(String value) {
            this.column = value;
            this.marker = Marker.TIMESTAMP;
            return this;
        }

        /**
         * Uses a boolean marker: false while live, true once deleted. The column should be
         * {@code NOT NULL DEFAULT FALSE}: a NULL flag counts as neither live nor deleted.
         *
         * @param value the column's name; an invalid identifier makes {@link #build()} throw
         * @return this builder
         */
        public Builder flagColumn(String value) {
            this.column = value;
            this.marker = Marker.FLAG;
            return this;
        }

        /**
         * Acts only on these tables, replacing any earlier inclusion and keeping the exclusions.
         * Needed for tables jOOQ has no column metadata for (e.g. {@code DSL.table(name)}), which
         * the default selection by column presence skips.
         *
         * @param names table names, compared case-insensitively
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is given twice
         */
        public Builder tables(String... names) {
            this.tables = tables.including(names);
            return this;
        }

        /**
         * Never acts on these tables, replacing any earlier exclusion and keeping the inclusions.
         *
         * @param names table names, compared case-insensitively
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is given twice
         */
        public Builder excludeTables(String... names) {
            this.tables = tables.excluding(names);
            return this;
        }

        /**
         * Whether every DELETE on soft-deletable tables becomes an UPDATE that marks the rows
         * (default false: a plain DELETE still removes rows, and only
         * {@link SoftDeleteOperations#softDelete} marks them).
         *
         * @param value {@code true} to rewrite DELETEs
         * @return this builder
         */
        public Builder deleteAsUpdate(boolean value) {
            this.deleteAsUpdate = value;
            return this;
        }

        /**
         * Sets the clock whose instant a timestamp marker records; a fixed clock makes tests exact.
         *
         * @param value the clock; null makes {@link #build()} throw
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         * @throws NullPointerException     if the name or clock was set to null
         * @throws IllegalArgumentException if the marker column is not a plain SQL identifier
         */
        public SoftDeleteOptions build() {
            return new SoftDeleteOptions(name, column, marker, tables, deleteAsUpdate, clock);
        }
    }
}
