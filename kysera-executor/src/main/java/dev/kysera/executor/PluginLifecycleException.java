package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;

/**
 * A plugin's {@link Plugin#onInit} or {@link Plugin#onDestroy} failed. On close every plugin is
 * still destroyed; each further failure is attached with {@link #addSuppressed(Throwable)}.
 */
public class PluginLifecycleException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** A plugin's {@link Plugin#onInit} threw: {@value}. */
    public static final String INIT_FAILED = "PLUGIN_INIT_FAILED";
    /** A plugin's {@link Plugin#onDestroy} threw: {@value}. */
    public static final String DESTROY_FAILED = "PLUGIN_DESTROY_FAILED";

    /**
     * A plugin's init or destroy failed.
     *
     * @param code    {@link #INIT_FAILED} or {@link #DESTROY_FAILED}
     * @param message which plugin failed
     * @param cause   what it threw
     */
    public PluginLifecycleException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
