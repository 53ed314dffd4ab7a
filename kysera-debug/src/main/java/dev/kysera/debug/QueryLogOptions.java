package dev.kysera.debug;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the {@link QueryLog} writes and where. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: plugin name {@code query-log}; every statement at {@code DEBUG}; statements taking
 * at least 100 ms at {@code WARN}; failures at {@code WARN}; SQL on one line with its literals
 * replaced by {@code ?} (keep them with {@link Builder#sanitizeLiterals(boolean)}); bind values
 * <em>not</em> logged (turn on with {@link Builder#logBinds(boolean)}, redact with
 * {@link Builder#redactColumns(String...)}); values cut at 200 characters; at most 20 batch rows
 * logged; transactions and savepoints (begin, commit, rollback) at {@code DEBUG}; written to the
 * {@code System.Logger} named {@code dev.kysera.debug.QueryLog}.
 */
public final class QueryLogOptions {

    /** The name of the default logger. */
    public static final String LOGGER_NAME = "dev.kysera.debug.QueryLog";

    private final String name;
    private final Level level;
    private final Duration slowThreshold;
    private final Level slowLevel;
    private final Level failureLevel;
    private final SqlStyle style;
    private final boolean sanitizeLiterals;
    private final boolean logBinds;
    private final Set<String> redactColumns;
    private final Predicate<BindValue> redactIf;
    private final int maxValueLength;
    private final int maxBatchRows;
    private final boolean slowAndFailedOnly;
    private final Level transactionLevel;
    private final Logger logger;
    private final Consumer<LogEntry> sink;
    private final Consumer<TransactionLogEntry> transactionSink;

    private QueryLogOptions(Builder b) {
        this.name = Names.requireName(b.name, "query log");
        this.level = Objects.requireNonNull(b.level, "level");
        this.slowThreshold = Objects.requireNonNull(b.slowThreshold, "slowThreshold");
        if (slowThreshold.isNegative()) {
            throw new IllegalArgumentException("The slow-query threshold must not be negative, was " + slowThreshold);
        }
        this.slowLevel = Objects.requireNonNull(b.slowLevel, "slowLevel");
        this.failureLevel = Objects.requireNonNull(b.failureLevel, "failureLevel");
        this.style = Objects.requireNonNull(b.style, "style");
        this.sanitizeLiterals = b.sanitizeLiterals;
        this.logBinds = b.logBinds;
        this.redactColumns = Set.copyOf(b.redactColumns);
        this.redactIf = b.redactIf;
        this.maxValueLength = Names.atLeast(b.maxValueLength, 8, "maxValueLength");
        this.maxBatchRows = Names.atLeast(b.maxBatchRows, 1, "maxBatchRows");
        this.slowAndFailedOnly = b.slowAndFailedOnly;
        this.transactionLevel = Objects.requireNonNull(b.transactionLevel, "transactionLevel");
        this.logger = b.logger;
        this.sink = b.sink;
        this.transactionSink = b.transactionSink;
        if (logger != null && sink != null && (transactionSink != null || transactionLevel == Level.OFF)) {
            throw new IllegalArgumentException("The query log was given a logger, but every entry goes to a sink: give a logger "
                    + "or sinks, not both");
        }
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults.
     *
     * @return options with every default
     */
    public static QueryLogOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from these options.
     *
     * @return a new builder holding these options' values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.level = level;
        b.slowThreshold = slowThreshold;
        b.slowLevel = slowLevel;
        b.failureLevel = failureLevel;
        b.style = style;
        b.sanitizeLiterals = sanitizeLiterals;
        b.logBinds = logBinds;
        b.redactColumns = redactColumns;
        b.redactIf = redactIf;
        b.maxValueLength = maxValueLength;
        b.maxBatchRows = maxBatchRows;
        b.slowAndFailedOnly = slowAndFailedOnly;
        b.transactionLevel = transactionLevel;
        b.logger = logger;
        b.sink = sink;
        b.transactionSink = transactionSink;
        return b;
    }

    /**
     * The plugin name.
     *
     * @return the name the query log registers under
     */
    public String name() {
        return name;
    }

    /**
     * The level of statements that are neither slow nor failed.
     *
     * @return the level
     */
    public Level level() {
        return level;
    }

    /**
     * Statements taking at least this long are logged as slow.
     *
     * @return the threshold, zero or positive
     */
    public Duration slowThreshold() {
        return slowThreshold;
    }

    /**
     * The level of slow statements.
     *
     * @return the level
     */
    public Level slowLevel() {
        return slowLevel;
    }

    /**
     * The level of failed statements.
     *
     * @return the level
     */
    public Level failureLevel() {
        return failureLevel;
    }

    /**
     * How SQL is written.
     *
     * @return the style
     */
    public SqlStyle style() {
        return style;
    }

    /**
     * Whether literals written into the SQL are logged as {@code ?}.
     *
     * @return true if literals are replaced
     */
    public boolean sanitizeLiterals() {
        return sanitizeLiterals;
    }

    /**
     * Whether bind values are logged.
     *
     * @return true if bind values are logged
     */
    public boolean logBinds() {
        return logBinds;
    }

    /**
     * Columns whose bind values are replaced by {@code <redacted>} (lower-cased).
     *
     * @return the lower-cased column names, immutable
     */
    public Set<String> redactColumns() {
        return redactColumns;
    }

    /**
     * An extra redaction rule, if any.
     *
     * @return the rule, or empty
     */
    public Optional<Predicate<BindValue>> redactIf() {
        return Optional.ofNullable(redactIf);
    }

    /**
     * Longer rendered values are cut to this many characters.
     *
     * @return the cap, at least 8
     */
    public int maxValueLength() {
        return maxValueLength;
    }

    /**
     * At most this many rows of a batch are logged with their values.
     *
     * @return the cap, at least 1
     */
    public int maxBatchRows() {
        return maxBatchRows;
    }

    /**
     * Whether only slow and failed statements are logged.
     *
     * @return true if other statements are left out
     */
    public boolean slowAndFailedOnly() {
        return slowAndFailedOnly;
    }

    /**
     * The level of transaction and savepoint events; {@code OFF} leaves them out.
     *
     * @return the level
     */
    public Level transactionLevel() {
        return transactionLevel;
    }

    /**
     * Where statement entries go: the sink, if one was given.
     *
     * @return the sink, or empty when entries go to the logger
     */
    public Optional<Consumer<LogEntry>> sink() {
        return Optional.ofNullable(sink);
    }

    /**
     * Where transaction and savepoint entries go: the sink, if one was given.
     *
     * @return the sink, or empty when entries go to the logger
     */
    public Optional<Consumer<TransactionLogEntry>> transactionSink() {
        return Optional.ofNullable(transactionSink);
    }

    /**
     * Where entries without a sink of their kind go: this logger, or {@link #LOGGER_NAME}.
     *
     * @return the logger
     */
    public Logger logger() {
        return logger != null ? logger : System.getLogger(LOGGER_NAME);
    }

    @Override
    public String toString() {
        return "QueryLogOptions[name=" + name + ", level=" + level + ", slowThreshold=" + slowThreshold + ", slowLevel=" + slowLevel
                + ", failureLevel=" + failureLevel + ", style=" + style + ", sanitizeLiterals=" + sanitizeLiterals + ", logBinds=" + logBinds + ", redactColumns="
                + redactColumns + ", maxValueLength=" + maxValueLength + ", maxBatchRows=" + maxBatchRows
                + ", slowAndFailedOnly=" + slowAndFailedOnly + ", transactionLevel=" + transactionLevel + "]";
    }

    /** Builds {@link QueryLogOptions}. Not thread-safe. */
    public static final class Builder {
        private String name = "query-log";
        private Level level = Level.DEBUG;
        private Duration slowThreshold = Duration.ofMillis(100);
        private Level slowLevel = Level.WARNING;
        private Level failureLevel = Level.WARNING;
        private SqlStyle style = SqlStyle.ONE_LINE;
        private boolean sanitizeLiterals = true;
        private boolean logBinds;
        private Set<String> redactColumns = Set.of();
        private Predicate<BindValue> redactIf;
        private int maxValueLength = 200;
        private int maxBatchRows = 20;
        private boolean slowAndFailedOnly;
        private Level transactionLevel = Level.DEBUG;
        private Logger logger;
        private Consumer<LogEntry> sink;
        private Consumer<TransactionLogEntry> transactionSink;

        private Builder() {
        }

        /**
         * The plugin name (default {@code query-log}).
         *
         * @param value the name, not blank (checked by {@link #build()})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The level of ordinary statements (default {@code DEBUG}).
         *
         * @param value the level entries of ordinary statements get; {@code OFF} leaves them out, for the
         *              logger and a sink alike (as {@link #slowAndFailedOnly(boolean)} does)
         * @return this builder
         */
        public Builder level(Level value) {
            this.level = value;
            return this;
        }

        /**
         * Statements taking at least this long are slow (default 100 ms; zero makes every statement slow).
         *
         * @param value the threshold, not negative (checked by {@link #build()})
         * @return this builder
         */
        public Builder slowThreshold(Duration value) {
            this.slowThreshold = value;
            return this;
        }

        /**
         * The level of slow statements (default {@code WARNING}).
         *
         * @param value the level; {@code OFF} leaves slow statements out
         * @return this builder
         */
        public Builder slowLevel(Level value) {
            this.slowLevel = value;
            return this;
        }

        /**
         * The level of failed statements (default {@code WARNING}).
         *
         * @param value the level; {@code OFF} leaves failed statements out
         * @return this builder
         */
        public Builder failureLevel(Level value) {
            this.failureLevel = value;
            return this;
        }

        /**
         * How SQL is written (default {@link SqlStyle#ONE_LINE}).
         *
         * @param value the style
         * @return this builder
         */
        public Builder style(SqlStyle value) {
            this.style = value;
            return this;
        }

        /**
         * Whether literals written into the SQL — plain-SQL strings and numbers, {@code DSL.inline}
         * values, PostgreSQL dollar-quoted strings — are logged as {@code ?} (default true: like bind
         * values, they may be personal data). See {@link SqlSanitizer}.
         *
         * @param value false to log literals as written
         * @return this builder
         */
        public Builder sanitizeLiterals(boolean value) {
            this.sanitizeLiterals = value;
            return this;
        }

        /**
         * Whether bind values are logged (default false: they may hold personal data).
         *
         * @param value true to log bind values
         * @return this builder
         */
        public Builder logBinds(boolean value) {
            this.logBinds = value;
            return this;
        }

        /**
         * Bind values compared with or written to these columns (case-insensitive, unqualified) are
         * logged as {@code <redacted>}. The column of a value is read from the SQL:
         * {@code insert into t (a, b) values (?, ?)}, {@code a = ?}, {@code lower(a) like ?},
         * {@code a in (?, ?)}, {@code a between ? and ?}, {@code set a = ?}. For values in other
         * places, add a rule with {@link #redactIf(Predicate)}.
         *
         * @param columns column names, added to those given before
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder redactColumns(String... columns) {
            this.redactColumns = Stream.concat(redactColumns.stream(),
                    Stream.of(columns).map(c -> Objects.requireNonNull(c, "column").toLowerCase(Locale.ROOT)))
                    .collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * Redacts every bind value the rule accepts (in addition to {@link #redactColumns(String...)}).
         *
         * @param rule accepts the values to redact; replaces a rule given before
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        public Builder redactIf(Predicate<BindValue> rule) {
            this.redactIf = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Rendered values longer than this are cut, with their length noted (default 200, at least 8).
         *
         * @param value the cap, at least 8 (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxValueLength(int value) {
            this.maxValueLength = value;
            return this;
        }

        /**
         * Batch rows logged with their values (default 20, at least 1); the rest are counted.
         *
         * @param value the cap, at least 1 (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxBatchRows(int value) {
            this.maxBatchRows = value;
            return this;
        }

        /**
         * Logs only slow and failed statements (default false).
         *
         * @param value true to leave out other statements
         * @return this builder
         */
        public Builder slowAndFailedOnly(boolean value) {
            this.slowAndFailedOnly = value;
            return this;
        }

        /**
         * The level of transaction and savepoint events — begin, commit (release), rollback — with
         * the isolation level and read-only mode (default {@code DEBUG}; {@code OFF} leaves them out).
         *
         * @param value the level
         * @return this builder
         */
        public Builder transactionLevel(Level value) {
            this.transactionLevel = value;
            return this;
        }

        /**
         * Writes to this logger instead of {@link #LOGGER_NAME}.
         *
         * @param value the logger
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder logger(Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * Hands every statement entry to this sink instead of the logger (tests, custom appenders).
         * Transaction entries still go to the logger unless {@link #transactionSink} is given too.
         *
         * @param value receives each statement entry, on the executing thread
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder sink(Consumer<LogEntry> value) {
            this.sink = Objects.requireNonNull(value, "sink");
            return this;
        }

        /**
         * Hands every transaction and savepoint entry to this sink instead of the logger.
         *
         * @param value receives each transaction entry, on the transaction's thread
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder transactionSink(Consumer<TransactionLogEntry> value) {
            this.transactionSink = Objects.requireNonNull(value, "transactionSink");
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException for a blank name, a negative threshold, caps too small, or a
         *                                  logger that would get nothing because every entry goes to a sink
         * @throws NullPointerException     if the name, a level, the threshold or the style was set to null
         */
        public QueryLogOptions build() {
            return new QueryLogOptions(this);
        }

        /**
         * Shorthand for {@code QueryLog.of(build())}.
         *
         * @return a new query log with the built options
         * @throws IllegalArgumentException as {@link #build()} does
         * @throws NullPointerException as {@link #build()} does
         */
        public QueryLog plugin() {
            return QueryLog.of(build());
        }
    }
}
