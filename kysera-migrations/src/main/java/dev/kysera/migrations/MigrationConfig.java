package dev.kysera.migrations;

import dev.kysera.core.dialect.Dialects;
import dev.kysera.core.dialect.Identifiers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * Immutable configuration of a {@link Migrator}. Build it with {@link #builder()}; the builder
 * checks every value and names the bad one.
 */
public final class MigrationConfig {

    /** The default history table name. */
    public static final String DEFAULT_HISTORY_TABLE = "kysera_schema_history";

    /** The default time to wait for another runner's lock. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(1);

    private static final int MAX_IDENTIFIER = 60;
    private static final int MAX_INSTALLED_BY = 100;

    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final List<MigrationSource> sources;
    private final String historyTable;
    private final String historySchema;
    private final Duration lockTimeout;
    private final String installedBy;
    private final Clock clock;
    private final boolean outOfOrder;

    private MigrationConfig(Builder b) {
        this.dataSource = b.dataSource;
        this.dialect = b.dialect;
        this.sources = List.copyOf(b.sources);
        this.historyTable = b.historyTable;
        this.historySchema = b.historySchema;
        this.lockTimeout = b.lockTimeout;
        this.installedBy = b.installedBy;
        this.clock = b.clock;
        this.outOfOrder = b.outOfOrder;
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder: no data source or sources yet, every other value at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration's values.
     *
     * @return a new builder; changing it leaves this configuration unchanged
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataSource = dataSource;
        b.dialect = dialect;
        b.sources.addAll(sources);
        b.historyTable = historyTable;
        b.historySchema = historySchema;
        b.lockTimeout = lockTimeout;
        b.installedBy = installedBy;
        b.clock = clock;
        b.outOfOrder = outOfOrder;
        return b;
    }

    /**
     * Where connections come from. The migrator takes one (two on H2) per command and closes them.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The dialect family migrations run under.
     *
     * @return the dialect family, given or detected
     */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * The migration sources, in the order given.
     *
     * @return an immutable list, never empty
     */
    public List<MigrationSource> sources() {
        return sources;
    }

    /**
     * The history table's name; default {@value #DEFAULT_HISTORY_TABLE}.
     *
     * @return the table's name
     */
    public String historyTable() {
        return historyTable;
    }

    /**
     * The history table's schema (PostgreSQL, H2) or database (MariaDB); empty means the connection's default.
     *
     * @return the schema, or empty for the connection's default
     */
    public Optional<String> historySchema() {
        return Optional.ofNullable(historySchema);
    }

    /**
     * How long to wait for another runner's lock before {@link MigrationLockException}; default one minute.
     *
     * @return the timeout, positive and at most a day
     */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /**
     * What is written to {@code installed_by}; empty means the database user the connection reports.
     *
     * @return the configured name, or empty to use the connection's user
     */
    public Optional<String> installedBy() {
        return Optional.ofNullable(installedBy);
    }

    /**
     * The clock for {@code installed_at} and durations; default the system clock, UTC.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Whether a pending migration older than the newest applied one may be applied (e.g. after
     * merging branches). Default false: {@code up} refuses with {@link MigrationPlanException}.
     *
     * @return {@code true} if out-of-order migrations are applied
     */
    public boolean outOfOrder() {
        return outOfOrder;
    }

    @Override
    public String toString() {
        return "MigrationConfig[dialect=" + dialect + ", sources=" + sources.size() + ", historyTable="
                + (historySchema == null ? "" : historySchema + ".") + historyTable + ", lockTimeout=" + lockTimeout
                + ", installedBy=" + installedBy + ", outOfOrder=" + outOfOrder + "]";
    }

    /** Builds a {@link MigrationConfig}. Not thread-safe. */
    public static final class Builder {

        private DataSource dataSource;
        private SQLDialect dialect;
        private final List<MigrationSource> sources = new ArrayList<>();
        private String historyTable = DEFAULT_HISTORY_TABLE;
        private String historySchema;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private String installedBy;
        private Clock clock = Clock.systemUTC();
        private boolean outOfOrder;

        private Builder() {
        }

        /**
         * Required: where connections come from.
         *
         * @param value the data source; the migrator never closes it
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The dialect; without it {@link #build()} detects it from the data source (borrowing one
         * connection). Only PostgreSQL, MariaDB, MySQL, SQLite and H2 are supported.
         *
         * @param value the dialect; reduced to its family
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         * @throws dev.kysera.core.dialect.UnsupportedDialectException for {@code DEFAULT} or an unsupported family
         */
        public Builder dialect(SQLDialect value) {
            this.dialect = Dialects.family(Objects.requireNonNull(value, "dialect"));
            return this;
        }

        /**
         * Adds a source of migrations; at least one is required.
         *
         * @param value the source
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder source(MigrationSource value) {
            sources.add(Objects.requireNonNull(value, "source"));
            return this;
        }

        /**
         * Adds explicitly registered migrations, e.g. Java migration classes.
         *
         * @param values the migrations, as {@link MigrationSources#of(Migration...)} takes them
         * @return this builder
         * @throws NullPointerException if {@code values} is null or holds null
         */
        public Builder migrations(Migration... values) {
            return source(MigrationSources.of(values));
        }

        /**
         * The history table's name: letters, digits and underscores, at most 60 characters.
         *
         * @param value the table's name
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException naming the value if it is not such a name
         */
        public Builder historyTable(String value) {
            this.historyTable = identifier(value, "historyTable");
            return this;
        }

        /**
         * The history table's schema (PostgreSQL, H2) or database (MariaDB); not supported on SQLite.
         *
         * @param value the schema's name: letters, digits and underscores, at most 60 characters
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException naming the value if it is not such a name
         */
        public Builder historySchema(String value) {
            this.historySchema = identifier(value, "historySchema");
            return this;
        }

        /**
         * How long to wait for the lock: positive, at most a day.
         *
         * @param value the timeout
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException naming the value if it is zero, negative or over a day
         */
        public Builder lockTimeout(Duration value) {
            Objects.requireNonNull(value, "lockTimeout");
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("lockTimeout must be positive and at most one day, was " + value);
            }
            this.lockTimeout = value;
            return this;
        }

        /**
         * What to record as {@code installed_by}: not blank, at most 100 characters.
         *
         * @param value the name recorded for every migration this migrator applies
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException naming the value if it is blank or too long
         */
        public Builder installedBy(String value) {
            Objects.requireNonNull(value, "installedBy");
            if (value.isBlank() || value.length() > MAX_INSTALLED_BY) {
                throw new IllegalArgumentException("installedBy must be non-blank and at most " + MAX_INSTALLED_BY
                        + " characters, was '" + value + "'");
            }
            this.installedBy = value;
            return this;
        }

        /**
         * The clock for {@code installed_at} and durations.
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
         * Whether pending migrations older than the newest applied one may run; default false.
         *
         * @param value whether out-of-order migrations are applied
         * @return this builder
         */
        public Builder outOfOrder(boolean value) {
            this.outOfOrder = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException when the data source or every source is missing, or a history
         *                               schema is set for SQLite
         * @throws dev.kysera.core.dialect.UnsupportedDialectException if the detected dialect is not supported
         * @throws org.jooq.exception.DataAccessException if the dialect must be detected and the data source
         *                                                cannot be reached
         */
        public MigrationConfig build() {
            if (dataSource == null) {
                throw new IllegalStateException("MigrationConfig needs a dataSource");
            }
            if (sources.isEmpty()) {
                throw new IllegalStateException("MigrationConfig needs at least one migration source"
                        + " (source(...) or migrations(...))");
            }
            if (dialect == null) {
                dialect = Dialects.fromDataSource(dataSource);
            }
            if (historySchema != null && dialect == SQLDialect.SQLITE) {
                throw new IllegalStateException("historySchema '" + historySchema + "' is not supported on SQLITE");
            }
            return new MigrationConfig(this);
        }

        private static String identifier(String value, String what) {
            Objects.requireNonNull(value, what);
            if (!Identifiers.PATTERN.matcher(value).matches() || value.length() > MAX_IDENTIFIER) {
                throw new IllegalArgumentException(what + " must be letters, digits and underscores (not starting with a"
                        + " digit), at most " + MAX_IDENTIFIER + " characters, was '" + value + "'");
            }
            return value;
        }
    }
}
