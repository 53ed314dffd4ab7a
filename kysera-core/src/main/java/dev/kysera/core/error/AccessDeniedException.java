package dev.kysera.core.error;

import java.util.Objects;

/**
 * A plugin refused a statement before it reached the database: row-level security denied a write,
 * a tenant rule saw a row for another tenant, an audit log refused an UPDATE of its own history.
 * One type for every plugin's refusal, so callers can catch them uniformly (an HTTP layer maps it
 * to 403). Nothing was sent to the database.
 */
public class AccessDeniedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of every refusal. */
    public static final String CODE = "ACCESS_DENIED";

    /** The refusing plugin's name. */
    private final String plugin;
    /** The table concerned, lower-cased, or null. */
    private final String table;
    /** What was refused. */
    private final String operation;
    /** Why, in one line. */
    private final String reason;

    /**
     * Creates a refusal without a cause.
     *
     * @param plugin    the refusing plugin's name, not null
     * @param table     the table concerned, lower-cased, or {@code null} when the refusal is not about one table
     * @param operation what was refused: {@code read}, {@code insert}, {@code update}, {@code delete}; not null
     * @param reason    why, in one line, safe to show to the caller; not null
     * @throws NullPointerException if {@code plugin}, {@code operation} or {@code reason} is null
     */
    public AccessDeniedException(String plugin, String table, String operation, String reason) {
        this(plugin, table, operation, reason, null);
    }

    /**
     * A refusal caused by another failure, e.g. a policy that threw (which must deny).
     *
     * @param plugin    the refusing plugin's name, not null
     * @param table     the table concerned, lower-cased, or {@code null} when the refusal is not about one table
     * @param operation what was refused: {@code read}, {@code insert}, {@code update}, {@code delete}; not null
     * @param reason    why, in one line, safe to show to the caller; not null
     * @param cause     what made the plugin refuse, or {@code null}
     * @throws NullPointerException if {@code plugin}, {@code operation} or {@code reason} is null
     */
    public AccessDeniedException(String plugin, String table, String operation, String reason, Throwable cause) {
        super(CODE, "Plugin '" + Objects.requireNonNull(plugin, "plugin") + "' refused "
                + Objects.requireNonNull(operation, "operation") + (table == null ? "" : " on " + table) + ": "
                + Objects.requireNonNull(reason, "reason"), cause);
        this.plugin = plugin;
        this.table = table;
        this.operation = operation;
        this.reason = reason;
    }

    /**
     * The refusing plugin's name.
     *
     * @return the plugin name, never null
     */
    public String plugin() {
        return plugin;
    }

    /**
     * The table concerned, lower-cased; {@code null} when the refusal concerns no single table.
     *
     * @return the table name, or null
     */
    public String table() {
        return table;
    }

    /**
     * What was refused: {@code read}, {@code insert}, {@code update} or {@code delete}.
     *
     * @return the operation, never null
     */
    public String operation() {
        return operation;
    }

    /**
     * Why the plugin refused, in one line, safe to show to the caller.
     *
     * @return the reason, never null
     */
    public String reason() {
        return reason;
    }
}
