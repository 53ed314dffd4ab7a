package dev.kysera.executor;

/**
 * Role: makes a plugin fail closed. While such a plugin is active, every statement the executor
 * cannot fully model is refused with {@link UnsupportedStatementException} before it reaches the
 * database: unparseable plain SQL (statements or fragments inside DSL queries), statement kinds
 * it does not model (TRUNCATE, DDL, calls), MERGE, relations the plugin does not
 * {@linkplain #knows know}, and RETURNING emulations that could read other rows. The plugin can
 * only be bypassed with a {@link BypassToken} it accepts, never by name.
 */
public interface Enforcement {

    /**
     * Whether statements may name this relation. Return false for names that may be views or
     * table functions hiding rows from the plugin's filters. The default knows every relation.
     *
     * @param relation a relation the statement names (asked for every one, not only those the plugin
     *                 applies to; the database's system catalogs are not asked about)
     * @return false to refuse the statement with {@link UnsupportedStatementException}
     */
    default boolean knows(TableReference relation) {
        return true;
    }

    /**
     * Whether {@code token} lets its holder run statements without this plugin
     * ({@link Executor#bypassing(BypassToken)}).
     *
     * @param token the token offered
     * @return true only for tokens this plugin issued for bypassing it
     */
    boolean permitsBypass(BypassToken token);
}
