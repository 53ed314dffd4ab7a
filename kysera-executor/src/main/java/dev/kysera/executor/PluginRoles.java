package dev.kysera.executor;

/**
 * Where a {@link Plugin} registers its roles. Each role is ordered on its own: by the order given
 * here (higher first), then by plugin order. Without an explicit order a role takes its plugin's
 * {@link Plugin#priority()}. Each method returns this object, so registrations chain, and throws
 * {@link NullPointerException} for a null role.
 */
public interface PluginRoles {

    /**
     * Registers a row filter, ordered by the plugin's priority.
     *
     * @param filter the filter
     * @return this object
     */
    PluginRoles rowFilter(RowFilter filter);

    /**
     * Registers a row filter with its own order. All filters on an occurrence apply (they are
     * combined with AND), so the order only decides the order of the conditions in the SQL.
     *
     * @param order  higher runs first
     * @param filter the filter
     * @return this object
     */
    PluginRoles rowFilter(int order, RowFilter filter);

    /**
     * Registers values to write, ordered by the plugin's priority.
     *
     * @param values the values role
     * @return this object
     */
    PluginRoles writeValues(WriteValues values);

    /**
     * Registers values to write with their own order: on the same column the value of the role
     * that runs first wins.
     *
     * @param order  higher runs first
     * @param values the values role
     * @return this object
     */
    PluginRoles writeValues(int order, WriteValues values);

    /**
     * Registers a rule over written rows, ordered by the plugin's priority; it judges the
     * post-image after every plugin's values were applied.
     *
     * @param rule the rule
     * @return this object
     */
    PluginRoles writeRule(WriteRule rule);

    /**
     * Registers a statement transform, ordered by the plugin's priority.
     *
     * @param transform the transform
     * @return this object
     */
    PluginRoles transform(StatementTransform transform);

    /**
     * Registers an execution-time observer, ordered by the plugin's priority.
     *
     * @param observer the observer
     * @return this object
     */
    PluginRoles statementObserver(StatementObserver observer);

    /**
     * Registers an execution-time observer with its own order.
     *
     * @param order    higher runs first
     * @param observer the observer
     * @return this object
     */
    PluginRoles statementObserver(int order, StatementObserver observer);

    /**
     * Registers a transaction observer, ordered by the plugin's priority.
     *
     * @param observer the observer
     * @return this object
     */
    PluginRoles transactionObserver(TransactionObserver observer);

    /**
     * Registers a column mask (field-level security on reads). Not every implementation of this
     * interface supports it; the executor's does.
     *
     * @param mask the mask
     * @return this object
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
     * @param observer the observer
     * @return this object
     * @throws UnsupportedOperationException from implementations that do not
     */
    default PluginRoles bypassObserver(StatementObserver observer) {
        throw new UnsupportedOperationException("bypass observers are not supported by " + getClass().getName());
    }

    /**
     * Makes the plugin fail closed; at most once per plugin.
     *
     * @param enforcement which relations the plugin knows and which bypass tokens it accepts
     * @return this object
     * @throws PluginConfigurationException ({@code PLUGIN_DUPLICATE}) on a second registration by the same plugin
     */
    PluginRoles enforcement(Enforcement enforcement);
}
