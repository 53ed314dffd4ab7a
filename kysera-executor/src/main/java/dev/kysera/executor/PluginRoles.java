package dev.kysera.executor;

/**
 * Where a {@link Plugin} registers its roles. Each role is ordered on its own: by the order given
 * here (higher first), then by plugin order. Without an explicit order a role takes its plugin's
 * {@link Plugin#priority()}.
 */
public interface PluginRoles {

    /** Registers a row filter. */
    PluginRoles rowFilter(RowFilter filter);

    /** Registers a row filter with its own order. */
    PluginRoles rowFilter(int order, RowFilter filter);

    /** Registers values to write. */
    PluginRoles writeValues(WriteValues values);

    /** Registers values to write with their own order (earlier plugins' values win on the same column). */
    PluginRoles writeValues(int order, WriteValues values);

    /** Registers a rule over written rows. */
    PluginRoles writeRule(WriteRule rule);

    /** Registers a statement transform. */
    PluginRoles transform(StatementTransform transform);

    /** Registers an execution-time observer. */
    PluginRoles statementObserver(StatementObserver observer);

    /** Registers an execution-time observer with its own order. */
    PluginRoles statementObserver(int order, StatementObserver observer);

    /** Registers a transaction observer. */
    PluginRoles transactionObserver(TransactionObserver observer);

    /**
     * Registers a column mask (field-level security on reads). Not every implementation of this
     * interface supports it; the executor's does.
     *
     * @throws UnsupportedOperationException from implementations that do not
     */
    default PluginRoles columnMask(ColumnMask mask) {
        throw new UnsupportedOperationException("column masks are not supported by " + getClass().getName());
    }

    /**
     * Registers an observer of the statements that run <em>without</em> this plugin: on executors
     * derived with {@link Executor#bypassing(BypassToken)} (or {@code withoutPlugin} /
     * {@code withoutPlugins} for plugins that allow it) — so a plugin can record every bypass. It
     * sees the same events as a {@link #statementObserver}, planned without the bypassed plugin.
     * Not every implementation of this interface supports it; the executor's does.
     *
     * @throws UnsupportedOperationException from implementations that do not
     */
    default PluginRoles bypassObserver(StatementObserver observer) {
        throw new UnsupportedOperationException("bypass observers are not supported by " + getClass().getName());
    }

    /** Makes the plugin fail closed; at most once per plugin. */
    PluginRoles enforcement(Enforcement enforcement);
}
