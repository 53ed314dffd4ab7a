package dev.kysera.executor;

import dev.kysera.executor.plan.PostImage;

/**
 * Role: judges what a write leaves in a row (its post-image), after every plugin's
 * {@link WriteValues} were applied: a tenant plugin refuses rows written for another tenant. Called
 * for every INSERT row and every UPDATE of a table the plugin applies to, once with the values
 * known when the statement is planned, and again per row with the bound values of a
 * {@code batch(query).bind(…)} when it runs.
 *
 * <p>A rule answers with a {@link Verdict}: allow; refuse (the statement never reaches the
 * database); or require a condition in SQL, for values that are expressions the database computes
 * — the executor then writes only rows that satisfy it, or refuses the statement where SQL cannot
 * carry the condition (an INSERT … VALUES). Values nobody can know are {@link
 * dev.kysera.executor.plan.WrittenValue.Opaque}; a rule that cares about the column should refuse
 * them.
 */
@FunctionalInterface
public interface WriteRule {

    /** The verdict on this post-image for {@link Operation#INSERT} or {@link Operation#UPDATE}. */
    Verdict judge(TableReference table, Operation operation, PostImage image, PluginContext context);
}
