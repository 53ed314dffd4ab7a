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

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A {@code deleted_at} timestamp marker on every table that has it, no DELETE rewriting, UTC clock. */
    public static SoftDeleteOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these options. */
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

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** A nullable timestamp marker column. */
        public Builder timestampColumn(String value) {
            this.column = value;
            this.marker = Marker.TIMESTAMP;
            return this;
        }

        /** A boolean marker column. */
        public Builder flagColumn(String value) {
            this.column = value;
            this.marker = Marker.FLAG;
            return this;
        }

        /** Only these tables (needed for tables jOOQ has no column metadata for, e.g. {@code DSL.table(name)}). */
        public Builder tables(String... names) {
            this.tables = tables.including(names);
            return this;
        }

        public Builder excludeTables(String... names) {
            this.tables = tables.excluding(names);
            return this;
        }

        /** Turns every DELETE on soft-deletable tables into an UPDATE that marks the rows. */
        public Builder deleteAsUpdate(boolean value) {
            this.deleteAsUpdate = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public SoftDeleteOptions build() {
            return new SoftDeleteOptions(name, column, marker, tables, deleteAsUpdate, clock);
        }
    }
}
