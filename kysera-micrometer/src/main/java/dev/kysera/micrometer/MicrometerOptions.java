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

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static MicrometerOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these options. */
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

    /** The plugin name. */
    public String name() {
        return name;
    }

    /** The prefix of every observation and meter name, {@code db.client} by default. */
    public String prefix() {
        return prefix;
    }

    /** The name of the statement observation (and of its timer): {@code <prefix>.operation}. */
    public String statementObservationName() {
        return prefix + ".operation";
    }

    /** The name of the transaction observation (and of its timer): {@code <prefix>.transaction}. */
    public String transactionObservationName() {
        return prefix + ".transaction";
    }

    /** The name of the savepoint observation (and of its timer): {@code <prefix>.savepoint}. */
    public String savepointObservationName() {
        return prefix + ".savepoint";
    }

    /** Whether {@code db.query.text} (the SQL as sent, bind markers in place of values) is recorded on spans. */
    public boolean includeQueryText() {
        return includeQueryText;
    }

    /** Longer query texts are cut to this many characters. */
    public int maxQueryTextLength() {
        return maxQueryTextLength;
    }

    /** Whether literals written into the SQL are replaced by {@code ?} in {@code db.query.text}. */
    public boolean sanitizeQueryText() {
        return sanitizeQueryText;
    }

    /** Whether bind values are recorded as {@code db.query.parameter.<index>} on spans. */
    public boolean includeBindValues() {
        return includeBindValues;
    }

    /** At most this many bind values are recorded per statement (of the first batch row). */
    public int maxBindValues() {
        return maxBindValues;
    }

    /** Longer rendered bind values are cut to this many characters. */
    public int maxBindValueLength() {
        return maxBindValueLength;
    }

    /** Whether transactions and savepoints get observations of their own. */
    public boolean observeTransactions() {
        return observeTransactions;
    }

    /** Distinct {@code db.collection.name} values admitted as tags; later new ones are tagged {@code _OTHER}. */
    public int maxCollectionNames() {
        return maxCollectionNames;
    }

    /** The convention that replaces the default statement convention, if one was set. */
    public Optional<StatementObservationConvention> statementConvention() {
        return Optional.ofNullable(statementConvention);
    }

    /** The convention that replaces the default transaction convention, if one was set. */
    public Optional<TransactionObservationConvention> transactionConvention() {
        return Optional.ofNullable(transactionConvention);
    }

    /** The convention that replaces the default savepoint convention, if one was set. */
    public Optional<TransactionObservationConvention> savepointConvention() {
        return Optional.ofNullable(savepointConvention);
    }

    /** Where the row meters go ({@code <prefix>.response.returned_rows}, {@code <prefix>.affected_rows}), if set. */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** The namespace and server given instead of reading them from the first connection, if set. */
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

        /** The plugin name (default {@code micrometer}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The prefix of observation and meter names (default {@code db.client}): dot-separated lower-case words. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * Record {@code db.query.text} on spans (default false). It is the SQL as sent, with bind
         * markers; values inlined into the SQL (plain SQL literals, {@code DSL.inline}) are replaced
         * by {@code ?} unless {@link #sanitizeQueryText(boolean)} is turned off.
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
         */
        public Builder sanitizeQueryText(boolean sanitize) {
            this.sanitizeQueryText = sanitize;
            return this;
        }

        /** Cut longer query texts to this many characters (default 4,000; at least 16). */
        public Builder maxQueryTextLength(int length) {
            this.maxQueryTextLength = length;
            return this;
        }

        /**
         * Record bind values as {@code db.query.parameter.<index>} (default false; needs
         * {@link #includeQueryText(boolean)}). Bind values may be personal data: opt in knowingly.
         */
        public Builder includeBindValues(boolean include) {
            this.includeBindValues = include;
            return this;
        }

        /** Record at most this many bind values per statement (default 32). */
        public Builder maxBindValues(int count) {
            this.maxBindValues = count;
            return this;
        }

        /** Cut longer bind values to this many characters (default 100; at least 8). */
        public Builder maxBindValueLength(int length) {
            this.maxBindValueLength = length;
            return this;
        }

        /** Observe transactions and savepoints, begin to commit (release) or rollback (default true). */
        public Builder observeTransactions(boolean observe) {
            this.observeTransactions = observe;
            return this;
        }

        /** Admit at most this many distinct {@code db.collection.name} tag values (default 100). */
        public Builder maxCollectionNames(int count) {
            this.maxCollectionNames = count;
            return this;
        }

        /** Replace the default statement convention (names, key values); a registry's global convention still applies first. */
        public Builder statementConvention(StatementObservationConvention convention) {
            this.statementConvention = Objects.requireNonNull(convention, "statementConvention");
            return this;
        }

        /** Replace the default transaction convention. */
        public Builder transactionConvention(TransactionObservationConvention convention) {
            this.transactionConvention = Objects.requireNonNull(convention, "transactionConvention");
            return this;
        }

        /** Replace the default savepoint convention. */
        public Builder savepointConvention(TransactionObservationConvention convention) {
            this.savepointConvention = Objects.requireNonNull(convention, "savepointConvention");
            return this;
        }

        /**
         * Also record row meters on this registry: a distribution summary
         * {@code <prefix>.response.returned_rows} for SELECTs and a counter {@code <prefix>.affected_rows}
         * for writes, with the statement's low-cardinality tags. Timers come from the observation
         * registry's meter handler, not from here.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Use this namespace and server instead of reading them once from the first connection
         * (which costs a metadata call, on PostgreSQL a round trip, on the first statement).
         */
        public Builder target(DatabaseTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} naming the first bad value. */
        public MicrometerOptions build() {
            return new MicrometerOptions(this);
        }

        /** The plugin with these options, reporting to {@code registry}. */
        public MicrometerPlugin plugin(io.micrometer.observation.ObservationRegistry registry) {
            return MicrometerPlugin.of(registry, build());
        }
    }
}
