package dev.kysera.executor;

import dev.kysera.executor.plan.PostImage;

/**
 * Role: judges what a write leaves in a row (its post-image), after every plugin's
 * {@link WriteValues} were applied: a tenant plugin refuses rows written for another tenant. Called
 * for every INSERT row and every UPDATE of a table the plugin applies to, with the values known
 * when the statement is planned; when the image holds values bound only at execution (a
 * {@code batch(query).bind(…)}), instead once per batch row when it runs, with those values as
 * constants — and then anything but {@code allow} refuses the statement, since SQL cannot carry
 * a condition per batch row.
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

    /**
     * Judges one written row.
     *
     * @param table     the written occurrence
     * @param operation {@link Operation#INSERT} or {@link Operation#UPDATE} (also an upsert's update part)
     * @param image     what the row gets, plugins' values included
     * @param context   the context the statement is planned (or, for bound rows, executed) with
     * @return the verdict; a rule that throws fails the statement with what it threw
     */
    Verdict judge(TableReference table, Operation operation, PostImage image, PluginContext context);
}
