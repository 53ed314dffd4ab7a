package dev.kysera.debug;


/**
 * How a {@link Profiler} keeps its numbers. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: plugin name {@code profiler}, at most 1,000 shapes.
 */
public final class ProfilerOptions {

    private final String name;
    private final int maxShapes;

    private ProfilerOptions(Builder builder) {
        this.name = Names.requireName(builder.name, "profiler");
        if (builder.maxShapes < 1) {
            throw new IllegalArgumentException("The profiler's maxShapes must be at least 1, was " + builder.maxShapes);
        }
        this.maxShapes = builder.maxShapes;
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
    public static ProfilerOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from these options.
     *
     * @return a new builder holding these options' values
     */
    public Builder toBuilder() {
        return new Builder().name(name).maxShapes(maxShapes);
    }

    /**
     * The plugin name.
     *
     * @return the name the profiler registers under
     */
    public String name() {
        return name;
    }

    /**
     * The most shapes kept; beyond it the least recently executed shapes are dropped (and counted as evicted).
     *
     * @return the cap, at least 1
     */
    public int maxShapes() {
        return maxShapes;
    }

    @Override
    public String toString() {
        return "ProfilerOptions[name=" + name + ", maxShapes=" + maxShapes + "]";
    }

    /** Builds {@link ProfilerOptions}. Not thread-safe. */
    public static final class Builder {
        private String name = "profiler";
        private int maxShapes = 1_000;

        private Builder() {
        }

        /**
         * The plugin name (default {@code profiler}).
         *
         * @param value the name, not blank (checked by {@link #build()})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * The most shapes kept (default 1,000, at least 1). Each shape costs about 6 KB (a fixed
         * histogram) plus its text (at most 2,000 characters), so memory stays below about
         * {@code maxShapes × 10 KB} whatever the workload.
         *
         * @param value the cap (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxShapes(int value) {
            this.maxShapes = value;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException for a blank name or a cap below 1
         * @throws NullPointerException if the name was set to null
         */
        public ProfilerOptions build() {
            return new ProfilerOptions(this);
        }
    }
}
