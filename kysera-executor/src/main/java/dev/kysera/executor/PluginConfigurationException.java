package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;
import java.util.List;

/**
 * The plugin list an executor was built with is inconsistent: a duplicate name, a missing
 * dependency, two conflicting plugins, or a dependency cycle. Thrown when the executor is built.
 * Also thrown later, by the executor, when a plugin or extension is requested that is not
 * registered and when a bypass is refused; {@link #code()} tells which.
 */
public class PluginConfigurationException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** Two plugins share a name, or one plugin registers its {@link Enforcement} twice: {@value}. */
    public static final String DUPLICATE = "PLUGIN_DUPLICATE";
    /** A plugin {@linkplain Plugin#dependsOn depends on} one that is not registered: {@value}. */
    public static final String MISSING_DEPENDENCY = "PLUGIN_DEPENDENCY_MISSING";
    /** Two registered plugins {@linkplain Plugin#conflictsWith conflict}: {@value}. */
    public static final String CONFLICT = "PLUGIN_CONFLICT";
    /** The plugins' dependencies form a cycle: {@value}. */
    public static final String CYCLE = "PLUGIN_CYCLE";
    /** No registered plugin has the requested name or offers the requested extension: {@value}. */
    public static final String NOT_FOUND = "PLUGIN_NOT_FOUND";
    /** A bypass was asked for that the plugins refuse: a fail-closed plugin by name, or a token no active plugin accepts: {@value}. */
    public static final String BYPASS_REFUSED = "PLUGIN_BYPASS_REFUSED";

    /** The names of the plugins involved; part of the serialized form. */
    private final List<String> plugins;

    /**
     * An inconsistent plugin list or a refused request.
     *
     * @param code    one of the constants of this class
     * @param message what is wrong, naming the plugins
     * @param plugins the names of the plugins involved (may be empty)
     */
    public PluginConfigurationException(String code, String message, List<String> plugins) {
        super(code, message);
        this.plugins = List.copyOf(plugins);
    }

    /**
     * The names of the plugins involved, in the order the message mentions them.
     *
     * @return an immutable list, empty when no single plugin is to blame
     */
    public List<String> plugins() {
        return plugins;
    }
}
