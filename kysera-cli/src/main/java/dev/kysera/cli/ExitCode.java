package dev.kysera.cli;

/**
 * The exit codes of the {@code kysera} command, stable for scripts.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>{@link #OK}</td></tr>
 *   <tr><td>1</td><td>{@link #FAILED}</td></tr>
 *   <tr><td>2</td><td>{@link #USAGE}</td></tr>
 *   <tr><td>3</td><td>{@link #CONFIG}</td></tr>
 *   <tr><td>4</td><td>{@link #CONNECTION}</td></tr>
 *   <tr><td>5</td><td>{@link #LOCKED}</td></tr>
 *   <tr><td>6</td><td>{@link #DEGRADED}</td></tr>
 * </table>
 */
public final class ExitCode {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command ran and failed: a database error, a refused restore, a failed migration or validation, an unhealthy database. */
    public static final int FAILED = 1;
    /** The command line is wrong: unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** The configuration is missing, unreadable or invalid (file, environment or flags). */
    public static final int CONFIG = 3;
    /** The database cannot be reached (refused connection, bad credentials, unknown host, timeout). */
    public static final int CONNECTION = 4;
    /** Another runner holds the migration lock longer than the lock timeout. */
    public static final int LOCKED = 5;
    /** {@code kysera health}: the database answers, but degraded (slow, pool saturated). */
    public static final int DEGRADED = 6;

    private ExitCode() {
    }
}
