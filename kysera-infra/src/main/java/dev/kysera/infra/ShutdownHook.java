package dev.kysera.infra;

import java.util.Objects;

/**
 * A JVM shutdown hook installed by {@link GracefulShutdown#installShutdownHook}: on SIGTERM, SIGINT
 * or {@code System.exit} it runs the graceful shutdown before the JVM halts.
 */
public final class ShutdownHook {

    private final Thread thread;

    ShutdownHook(Thread thread) {
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    /**
     * Removes the hook, e.g. after shutting down by hand.
     *
     * @return whether it was installed until now
     * @throws IllegalStateException if the JVM is already shutting down (the hook is running or ran)
     */
    public boolean uninstall() {
        return Runtime.getRuntime().removeShutdownHook(thread);
    }

    @Override
    public String toString() {
        return "ShutdownHook[" + thread.getName() + "]";
    }
}
