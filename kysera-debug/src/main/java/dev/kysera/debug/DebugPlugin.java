package dev.kysera.debug;

import dev.kysera.executor.Plugin;
import java.util.Objects;

/**
 * What this module's plugins share: immutable options, a name from them, and no influence on
 * statements — they only observe, so kept statements may be re-executed
 * ({@link #readsContext()} is false).
 *
 * @param <O> the options type
 */
public abstract sealed class DebugPlugin<O> implements Plugin permits QueryLog, Profiler, NPlusOneDetector {

    private final O options;
    private final String name;

    DebugPlugin(O options, String name) {
        this.options = Objects.requireNonNull(options, "options");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The options the plugin was built with.
     *
     * @return the options
     */
    public O options() {
        return options;
    }

    @Override
    public String name() {
        return name;
    }

    /** The plugin changes nothing, so kept statements may be re-executed. */
    @Override
    public boolean readsContext() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + options + "]";
    }
}
