package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;
import java.util.List;

/**
 * The plugin list an executor was built with is inconsistent: a duplicate name, a missing
 * dependency, two conflicting plugins, or a dependency cycle. Thrown when the executor is built,
 * never later. Also thrown when an extension is requested whose plugin is not registered.
 */
public class PluginConfigurationException extends KyseraException {

    private static final long serialVersionUID = 1L;

    public static final String DUPLICATE = "PLUGIN_DUPLICATE";
    public static final String MISSING_DEPENDENCY = "PLUGIN_DEPENDENCY_MISSING";
    public static final String CONFLICT = "PLUGIN_CONFLICT";
    public static final String CYCLE = "PLUGIN_CYCLE";
    public static final String NOT_FOUND = "PLUGIN_NOT_FOUND";
    public static final String BYPASS_REFUSED = "PLUGIN_BYPASS_REFUSED";

    private final List<String> plugins;

    /** An inconsistent plugin list; {@code plugins} names those involved. */
    public PluginConfigurationException(String code, String message, List<String> plugins) {
        super(code, message);
        this.plugins = List.copyOf(plugins);
    }

    /** The names of the plugins involved, in the order the message mentions them. */
    public List<String> plugins() {
        return plugins;
    }
}
