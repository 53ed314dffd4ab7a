package dev.kysera.spring;

import dev.kysera.executor.PluginContext;
import java.util.Optional;

/**
 * Who makes a change, for the {@code changed_by} column of kysera-audit's log: asked when each
 * audited statement runs, on the statement's thread. With Spring Security present the starter
 * registers {@link SecurityChangedByResolver} (the current {@code Authentication}'s name); a bean
 * of your own replaces it, e.g. to name a batch job's system user.
 */
@FunctionalInterface
public interface ChangedByResolver {

    /**
     * The name to store for a statement running with {@code context}.
     *
     * @param context the statement's plugin context (its executor's attributes, its transaction)
     * @return the name, or empty to store no one ({@code changed_by} NULL)
     */
    Optional<String> changedBy(PluginContext context);
}
