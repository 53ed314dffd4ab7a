package dev.kysera.debug;

import dev.kysera.executor.StatementKind;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link NPlusOneDetector} judges units of work. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: plugin name {@code n-plus-one}; a SELECT shape that runs with more than 5 different
 * bind-value lists in one unit of work is a finding; {@link NPlusOneMode#LOG} at {@code WARNING} to
 * the {@code System.Logger} named {@code dev.kysera.debug.NPlusOneDetector}; the last 100 findings
 * kept; at most 1,000 shapes tracked per unit and 10,000 units open at once.
 */
public final class NPlusOneOptions {

    /** The name of the default logger. */
    public static final String LOGGER_NAME = "dev.kysera.debug.NPlusOneDetector";

    private final String name;
    private final int threshold;
    private final NPlusOneMode mode;
    private final Set<StatementKind> kinds;
    private final Level level;
    private final Logger logger;
    private final int maxFindings;
    private final int maxShapesPerUnit;
    private final int maxOpenUnits;

    private NPlusOneOptions(Builder b) {
        this.name = Names.requireName(b.name, "N+1 detector");
        this.threshold = Names.atLeast(b.threshold, 1, "threshold");
        this.mode = Objects.requireNonNull(b.mode, "mode");
        if (b.kinds.isEmpty()) {
            throw new IllegalArgumentException("The N+1 detector needs at least one statement kind");
        }
        this.kinds = Set.copyOf(b.kinds);
        this.level = Objects.requireNonNull(b.level, "level");
        this.logger = b.logger;
        this.maxFindings = Names.atLeast(b.maxFindings, 1, "maxFindings");
        this.maxShapesPerUnit = Names.atLeast(b.maxShapesPerUnit, 1, "maxShapesPerUnit");
        this.maxOpenUnits = Names.atLeast(b.maxOpenUnits, 1, "maxOpenUnits");
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
    public static NPlusOneOptions defaults() {
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
        b.threshold = threshold;
        b.mode = mode;
        b.kinds = EnumSet.copyOf(kinds);
        b.level = level;
        b.logger = logger;
        b.maxFindings = maxFindings;
        b.maxShapesPerUnit = maxShapesPerUnit;
        b.maxOpenUnits = maxOpenUnits;
        return b;
    }

    /**
     * The plugin name.
     *
     * @return the name the detector registers under
     */
    public String name() {
        return name;
    }

    /**
     * A shape is reported when it ran with more than this many different bind-value lists in one unit.
     *
     * @return the threshold, at least 1
     */
    public int threshold() {
        return threshold;
    }

    /**
     * What happens with a finding.
     *
     * @return the mode
     */
    public NPlusOneMode mode() {
        return mode;
    }

    /**
     * The statement kinds counted.
     *
     * @return the kinds, immutable, never empty
     */
    public Set<StatementKind> kinds() {
        return kinds;
    }

    /**
     * The level findings are logged at ({@link NPlusOneMode#LOG}).
     *
     * @return the level
     */
    public Level level() {
        return level;
    }

    /**
     * Where findings are logged: the configured logger, or {@link #LOGGER_NAME}.
     *
     * @return the logger
     */
    public Logger logger() {
        return logger != null ? logger : System.getLogger(LOGGER_NAME);
    }

    /**
     * How many findings {@link NPlusOneDetector#findings()} keeps (the oldest are dropped).
     *
     * @return the cap, at least 1
     */
    public int maxFindings() {
        return maxFindings;
    }

    /**
     * How many distinct shapes are tracked in one unit of work; more are ignored.
     *
     * @return the cap, at least 1
     */
    public int maxShapesPerUnit() {
        return maxShapesPerUnit;
    }

    /**
     * How many transactions are tracked at once as units of work; statements of further
     * transactions are not counted. Explicit scopes are not capped: each lives until it is closed.
     *
     * @return the cap, at least 1
     */
    public int maxOpenUnits() {
        return maxOpenUnits;
    }

    @Override
    public String toString() {
        return "NPlusOneOptions[name=" + name + ", threshold=" + threshold + ", mode=" + mode + ", kinds=" + kinds + ", level="
                + level + ", maxFindings=" + maxFindings + ", maxShapesPerUnit=" + maxShapesPerUnit + ", maxOpenUnits="
                + maxOpenUnits + "]";
    }

    /** Builds {@link NPlusOneOptions}. Not thread-safe. */
    public static final class Builder {
        private String name = "n-plus-one";
        private int threshold = 5;
        private NPlusOneMode mode = NPlusOneMode.LOG;
        private Set<StatementKind> kinds = EnumSet.of(StatementKind.SELECT);
        private Level level = Level.WARNING;
        private Logger logger;
        private int maxFindings = 100;
        private int maxShapesPerUnit = 1_000;
        private int maxOpenUnits = 10_000;

        private Builder() {
        }

        /**
         * The plugin name (default {@code n-plus-one}).
         *
         * @param value the name, not blank (checked by {@link #build()})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Reported beyond this many different bind-value lists per shape and unit (default 5, at least 1).
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder threshold(int value) {
            this.threshold = value;
            return this;
        }

        /**
         * What to do with a finding (default {@link NPlusOneMode#LOG}).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder mode(NPlusOneMode value) {
            this.mode = value;
            return this;
        }

        /**
         * The statement kinds counted (default SELECT only; add INSERT to catch row-by-row inserts).
         *
         * @param first a kind
         * @param more further kinds
         * @return this builder
         * @throws NullPointerException if a kind is null
         */
        public Builder kinds(StatementKind first, StatementKind... more) {
            this.kinds = EnumSet.of(first, more);
            return this;
        }

        /**
         * The level of logged findings (default {@code WARNING}).
         *
         * @param value the level
         * @return this builder
         */
        public Builder level(Level value) {
            this.level = value;
            return this;
        }

        /**
         * Logs findings to this logger instead of {@link #LOGGER_NAME}.
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
         * Findings kept (default 100).
         *
         * @param value the cap, at least 1
         * @return this builder
         */
        public Builder maxFindings(int value) {
            this.maxFindings = value;
            return this;
        }

        /**
         * Shapes tracked per unit of work (default 1,000).
         *
         * @param value the cap, at least 1
         * @return this builder
         */
        public Builder maxShapesPerUnit(int value) {
            this.maxShapesPerUnit = value;
            return this;
        }

        /**
         * Transactions tracked at once as units of work (default 10,000); explicit scopes are not counted.
         *
         * @param value the cap, at least 1
         * @return this builder
         */
        public Builder maxOpenUnits(int value) {
            this.maxOpenUnits = value;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException for a blank name, no kinds, or a threshold or cap below 1
         * @throws NullPointerException if the name, mode or level was set to null
         */
        public NPlusOneOptions build() {
            return new NPlusOneOptions(this);
        }

        /**
         * Shorthand for {@code NPlusOneDetector.of(build())}.
         *
         * @return a new detector with the built options
         * @throws IllegalArgumentException as {@link #build()} does
         */
        public NPlusOneDetector plugin() {
            return NPlusOneDetector.of(build());
        }
    }
}
