package dev.kysera.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@link MicrometerPlugin} names and fills its observations. Immutable; build with
 * {@link #builder()}, change with {@link #toBuilder()}.
 *
 * <p>Defaults: plugin name {@code micrometer}, observation names under {@code db.client}
 * ({@code db.client.operation} per statement, {@code db.client.transaction} per transaction),
 * no query text (when turned on, its literals are replaced by {@code ?}), no bind values,
 * transactions and savepoints ({@code db.client.savepoint}) observed, at most 100 distinct
 * {@code db.collection.name} values, the default conventions, no extra meters.
 */
public final class MicrometerOptions {

    /** Dot-separated lower-case words: what Micrometer's naming conventions translate for every backend. */
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    private final String name;
    private final String prefix;
    private final boolean includeQueryText;
    private final int maxQueryTextLength;
    private final boolean sanitizeQueryText;
    private final boolean includeBindValues;
    private final int maxBindValues;
    private final int maxBindValueLength;
    private final boolean observeTransactions;
    private final int maxCollectionNames;
    private final StatementObservationConvention statementConvention;
    private final TransactionObservationConvention transactionConvention;
    private final TransactionObservationConvention savepointConvention;
    private final MeterRegistry meterRegistry;
    private final DatabaseTarget target;

    private MicrometerOptions(Builder builder) {
        if (builder.name == null || builder.name.isBlank()) {
            throw new IllegalArgumentException("The plugin name must not be blank, was " + quoted(builder.name));
        }
        if (builder.prefix == null || !PREFIX.matcher(builder.prefix).matches()) {
            throw new IllegalArgumentException("The observation name prefix must be dot-separated lower-case words "
                    + "(like db.client), was " + quoted(builder.prefix));
        }
        if (builder.maxQueryTextLength < 16) {
            throw new IllegalArgumentException("maxQueryTextLength must be at least 16, was " + builder.maxQueryTextLength);
        }
        if (builder.maxBindValues < 1) {
            throw new IllegalArgumentException("maxBindValues must be at least 1, was " + builder.maxBindValues);
        }
        if (builder.maxBindValueLength < 8) {
            throw new IllegalArgumentException("maxBindValueLength must be at least 8, was " + builder.maxBindValueLength);
        }
        if (builder.maxCollectionNames < 1) {
            throw new IllegalArgumentException("maxCollectionNames must be at least 1, was " + builder.maxCollectionNames);
        }
        if (builder.includeBindValues && !builder.includeQueryText) {
            // Bind values without the statement they belong to say nothing; refuse rather than record them silently.
            throw new IllegalArgumentException("includeBindValues(true) needs includeQueryText(true): bind values are "
                    + "only meaningful next to the query text");
        }
        this.name = builder.name;
        this.prefix = builder.prefix;
        this.includeQueryText = builder.includeQueryText;
        this.maxQueryTextLength = builder.maxQueryTextLength;
        this.sanitizeQueryText = builder.sanitizeQueryText;
        this.includeBindValues = builder.includeBindValues;
        this.maxBindValues = builder.maxBindValues;
        this.maxBindValueLength = builder.maxBindValueLength;
        this.observeTransactions = builder.observeTransactions;
        this.maxCollectionNames = builder.maxCollectionNames;
        this.statementConvention = builder.statementConvention;
        this.transactionConvention = builder.transactionConvention;
        this.savepointConvention = builder.savepointConvention;
        this.meterRegistry = builder.meterRegistry;
        this.target = builder.target;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
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
    public static MicrometerOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from these options.
     *
     * @return a new builder holding these options' values
     */
    public Builder toBuilder() {
        Builder builder = new Builder().name(name).prefix(prefix).includeQueryText(includeQueryText)
                .maxQueryTextLength(maxQueryTextLength).sanitizeQueryText(sanitizeQueryText).includeBindValues(includeBindValues)
                .maxBindValues(maxBindValues).maxBindValueLength(maxBindValueLength).observeTransactions(observeTransactions)
                .maxCollectionNames(maxCollectionNames);
        builder.statementConvention = statementConvention;
        builder.transactionConvention = transactionConvention;
        builder.savepointConvention = savepointConvention;
        builder.meterRegistry = meterRegistry;
        builder.target = target;
        return builder;
    }

    /**
     * The plugin name.
     *
     * @return the name the plugin registers under
     */
    public String name() {
        return name;
    }

    /**
     * The prefix of every observation and meter name, {@code db.client} by default.
     *
     * @return dot-separated lower-case words
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The name of the statement observation (and of its timer): {@code <prefix>.operation}.
     *
     * @return the name
     */
    public String statementObservationName() {
        return prefix + ".operation";
    }

    /**
     * The name of the transaction observation (and of its timer): {@code <prefix>.transaction}.
     *
     * @return the name
     */
    public String transactionObservationName() {
        return prefix + ".transaction";
    }

    /**
     * The name of the savepoint observation (and of its timer): {@code <prefix>.savepoint}.
     *
     * @return the name
     */
    public String savepointObservationName() {
        return prefix + ".savepoint";
    }

    /**
     * Whether {@code db.query.text} (the SQL as sent, bind markers in place of values) is recorded on spans.
     *
     * @return true if the query text is recorded
     */
    public boolean includeQueryText() {
        return includeQueryText;
    }

    /**
     * Longer query texts are cut to this many characters.
     *
     * @return the cap, at least 16
     */
    public int maxQueryTextLength() {
        return maxQueryTextLength;
    }

    /**
     * Whether literals written into the SQL are replaced by {@code ?} in {@code db.query.text}.
     *
     * @return true if literals are replaced
     */
    public boolean sanitizeQueryText() {
        return sanitizeQueryText;
    }

    /**
     * Whether bind values are recorded as {@code db.query.parameter.<index>} on spans.
     *
     * @return true if bind values are recorded (then so is the query text)
     */
    public boolean includeBindValues() {
        return includeBindValues;
    }

    /**
     * At most this many bind values are recorded per statement (of the first batch row).
     *
     * @return the cap, at least 1
     */
    public int maxBindValues() {
        return maxBindValues;
    }

    /**
     * Longer rendered bind values are cut to this many characters.
     *
     * @return the cap, at least 8
     */
    public int maxBindValueLength() {
        return maxBindValueLength;
    }

    /**
     * Whether transactions and savepoints get observations of their own.
     *
     * @return true if they are observed
     */
    public boolean observeTransactions() {
        return observeTransactions;
    }

    /**
     * Distinct {@code db.collection.name} values admitted as tags; later new ones are tagged {@code _OTHER}.
     *
     * @return the cap, at least 1
     */
    public int maxCollectionNames() {
        return maxCollectionNames;
    }

    /**
     * The convention that replaces the default statement convention, if one was set.
     *
     * @return the convention, or empty for {@link DefaultStatementObservationConvention}
     */
    public Optional<StatementObservationConvention> statementConvention() {
        return Optional.ofNullable(statementConvention);
    }

    /**
     * The convention that replaces the default transaction convention, if one was set.
     *
     * @return the convention, or empty for {@link DefaultTransactionObservationConvention}
     */
    public Optional<TransactionObservationConvention> transactionConvention() {
        return Optional.ofNullable(transactionConvention);
    }

    /**
     * The convention that replaces the default savepoint convention, if one was set.
     *
     * @return the convention, or empty for {@link DefaultTransactionObservationConvention}
     */
    public Optional<TransactionObservationConvention> savepointConvention() {
        return Optional.ofNullable(savepointConvention);
    }

    /**
     * Where the row meters go ({@code <prefix>.response.returned_rows}, {@code <prefix>.affected_rows}), if set.
     *
     * @return the registry, or empty for no row meters
     */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /**
     * The namespace and server given instead of reading them from the first connection, if set.
     *
     * @return the target, or empty to read it from the first connection
     */
    public Optional<DatabaseTarget> target() {
        return Optional.ofNullable(target);
    }

    @Override
    public String toString() {
        return "MicrometerOptions[name=" + name + ", prefix=" + prefix + ", includeQueryText=" + includeQueryText
                + ", sanitizeQueryText=" + sanitizeQueryText + ", includeBindValues=" + includeBindValues + ", observeTransactions=" + observeTransactions
                + ", maxCollectionNames=" + maxCollectionNames + "]";
    }

    /** Builds {@link MicrometerOptions}; {@link #build()} validates and names any bad value. Not thread-safe. */
    public static final class Builder {
        private String name = "micrometer";
        private String prefix = "db.client";
        private boolean includeQueryText;
        private int maxQueryTextLength = 4_000;
        private boolean sanitizeQueryText = true;
        private boolean includeBindValues;
        private int maxBindValues = 32;
        private int maxBindValueLength = 100;
        private boolean observeTransactions = true;
        private int maxCollectionNames = 100;
        private StatementObservationConvention statementConvention;
        private TransactionObservationConvention transactionConvention;
        private TransactionObservationConvention savepointConvention;
        private MeterRegistry meterRegistry;
        private DatabaseTarget target;

        private Builder() {
        }

        /**
         * The plugin name (default {@code micrometer}).
         *
         * @param name the name, not blank (checked by {@link #build()})
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The prefix of observation and meter names (default {@code db.client}): dot-separated lower-case words.
         *
         * @param prefix the prefix, e.g. {@code db.client} (checked by {@link #build()})
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Record {@code db.query.text} on spans (default false). It is the SQL as sent, with bind
         * markers; values inlined into the SQL (plain SQL literals, {@code DSL.inline}) are replaced
         * by {@code ?} unless {@link #sanitizeQueryText(boolean)} is turned off.
         *
         * @param include true to record the query text
         * @return this builder
         */
        public Builder includeQueryText(boolean include) {
            this.includeQueryText = include;
            return this;
        }

        /**
         * Replace the literals written into the SQL — strings, numbers, PostgreSQL dollar-quoted
         * strings — by {@code ?} in {@code db.query.text} (default true; see
         * {@link dev.kysera.debug.SqlSanitizer}). Turn it off only where inlined values may be
         * recorded: they can be personal data.
         *
         * @param sanitize false to record literals as written
         * @return this builder
         */
        public Builder sanitizeQueryText(boolean sanitize) {
            this.sanitizeQueryText = sanitize;
            return this;
        }

        /**
         * Cut longer query texts to this many characters (default 4,000; at least 16).
         *
         * @param length the cap (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxQueryTextLength(int length) {
            this.maxQueryTextLength = length;
            return this;
        }

        /**
         * Record bind values as {@code db.query.parameter.<index>} (default false; needs
         * {@link #includeQueryText(boolean)}). Bind values may be personal data: opt in knowingly.
         *
         * @param include true to record bind values
         * @return this builder
         */
        public Builder includeBindValues(boolean include) {
            this.includeBindValues = include;
            return this;
        }

        /**
         * Record at most this many bind values per statement (default 32; at least 1).
         *
         * @param count the cap (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxBindValues(int count) {
            this.maxBindValues = count;
            return this;
        }

        /**
         * Cut longer bind values to this many characters (default 100; at least 8).
         *
         * @param length the cap (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxBindValueLength(int length) {
            this.maxBindValueLength = length;
            return this;
        }

        /**
         * Observe transactions and savepoints, begin to commit (release) or rollback (default true).
         *
         * @param observe false to observe statements only
         * @return this builder
         */
        public Builder observeTransactions(boolean observe) {
            this.observeTransactions = observe;
            return this;
        }

        /**
         * Admit at most this many distinct {@code db.collection.name} tag values (default 100; at least 1).
         *
         * @param count the cap (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxCollectionNames(int count) {
            this.maxCollectionNames = count;
            return this;
        }

        /**
         * Replace the default statement convention (names, key values); a registry's global convention still applies first.
         *
         * @param convention the convention
         * @return this builder
         * @throws NullPointerException if {@code convention} is null
         */
        public Builder statementConvention(StatementObservationConvention convention) {
            this.statementConvention = Objects.requireNonNull(convention, "statementConvention");
            return this;
        }

        /**
         * Replace the default transaction convention.
         *
         * @param convention the convention
         * @return this builder
         * @throws NullPointerException if {@code convention} is null
         */
        public Builder transactionConvention(TransactionObservationConvention convention) {
            this.transactionConvention = Objects.requireNonNull(convention, "transactionConvention");
            return this;
        }

        /**
         * Replace the default savepoint convention.
         *
         * @param convention the convention
         * @return this builder
         * @throws NullPointerException if {@code convention} is null
         */
        public Builder savepointConvention(TransactionObservationConvention convention) {
            this.savepointConvention = Objects.requireNonNull(convention, "savepointConvention");
            return this;
        }

        /**
         * Also record row meters on this registry: a distribution summary
         * {@code <prefix>.response.returned_rows} for SELECTs and a counter {@code <prefix>.affected_rows}
         * for writes, with the statement's low-cardinality tags. Timers come from the observation
         * registry's meter handler, not from here.
         *
         * @param registry the registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Use this namespace and server instead of reading them once from the first connection
         * (which costs a metadata call, on PostgreSQL a round trip, on the first statement).
         *
         * @param target the namespace and server
         * @return this builder
         * @throws NullPointerException if {@code target} is null
         */
        public Builder target(DatabaseTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first bad value: a blank name, a malformed prefix, a cap too small,
         *                                 or bind values without the query text
         */
        public MicrometerOptions build() {
            return new MicrometerOptions(this);
        }

        /**
         * The plugin with these options, reporting to {@code registry}: shorthand for {@code MicrometerPlugin.of(registry, build())}.
         *
         * @param registry where observations go
         * @return a new plugin with the built options
         * @throws IllegalArgumentException as {@link #build()} does
         * @throws NullPointerException if {@code registry} is null
         */
        public MicrometerPlugin plugin(io.micrometer.observation.ObservationRegistry registry) {
            return MicrometerPlugin.of(registry, build());
        }
    }
}
