package dev.kysera.core.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Kysera's logging convention, on the JDK's {@link System.Logger} so the core needs no logging
 * library. Every Kysera logger is named after its class (so {@code dev.kysera} configures them all),
 * and the platform routes it to whatever the application uses: java.util.logging by default, or
 * SLF4J/Log4j when their {@code System.LoggerFinder} bridge is on the class path
 * ({@code org.slf4j:slf4j-jdk-platform-logging}, {@code log4j-jpl}).
 *
 * <p>{@code System.Logger} already has everything a library needs — levels, lazy
 * {@code Supplier<String>} messages, throwables — so this class adds no logger interface of its own;
 * it only fixes the naming and offers one helper for the common "build the message only if it is
 * going to be written" case.
 */
public final class KyseraLog {

    /** The prefix shared by every Kysera logger name. */
    public static final String ROOT = "dev.kysera";

    private KyseraLog() {
    }

    /**
     * The logger for a Kysera class, named after the class.
     *
     * @param owner the class that logs, not null
     * @return its {@link System.Logger}, which the platform's {@code LoggerFinder} (e.g. an SLF4J bridge) supplies
     * @throws NullPointerException if {@code owner} is null
     */
    public static Logger logger(Class<?> owner) {
        return System.getLogger(Objects.requireNonNull(owner, "owner").getName());
    }

    /**
     * Logs a message that is only built when the level is enabled; returns whether it was.
     * Equivalent to {@code logger.log(level, message)} with a supplier, but spares the caller a
     * separate {@code isLoggable} check when it wants to do more work only if the message is written.
     *
     * @param logger the logger, not null
     * @param level the level to log at, not null
     * @param message builds the message; called at most once, and only if the level is enabled
     * @return true if the level was enabled and the message logged
     */
    public static boolean log(Logger logger, Level level, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        logger.log(level, message);
        return true;
    }
}
