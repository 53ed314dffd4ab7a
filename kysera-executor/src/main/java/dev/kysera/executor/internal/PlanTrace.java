package dev.kysera.executor.internal;

import dev.kysera.executor.StatementKind;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableUse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Plugin decisions at TRACE on logger {@code dev.kysera.executor.plugins}: what each executed
 * statement became and which plugins changed or judged it, and each refusal. Written when the
 * statement executes, never while it renders.
 */
final class PlanTrace {

    static final String LOGGER = "dev.kysera.executor.plugins";
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private PlanTrace() {
    }

    /** Whether decisions are traced: only then are the plans of an executor that plans on demand needed for it. */
    static boolean enabled() {
        return LOG.isLoggable(Level.TRACE);
    }

    static void planned(List<PlannedStatement> statements, String sql) {
        if (!enabled()) {
            return;
        }
        for (PlannedStatement statement : statements) {
            LOG.log(Level.TRACE, "{0}; sql: {1}", describe(statement.plan()), sql);
        }
    }

    static void refused(Throwable refusal, String sql) {
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, "refused ({0}: {1}); sql: {2}", refusal.getClass().getSimpleName(), refusal.getMessage(),
                    sql == null ? "not rendered" : sql);
        }
    }

    static String describe(StatementPlan plan) {
        if (plan.kind() == StatementKind.OTHER && plan.tables().isEmpty()) {
            return plan.plainSql() ? "opaque plain SQL" : "statement the executor does not plan";
        }
        String tables = plan.tables().stream().map(PlanTrace::describe).collect(Collectors.joining(", "));
        String changed = plan.changedBy().isEmpty() ? "no plugin" : String.join(", ", plan.changedBy());
        return plan.kind().name() + (plan.writtenKind() == plan.kind() ? "" : " (written as " + plan.writtenKind() + ")")
                + " on [" + tables + "], changed or judged by " + changed;
    }

    private static String describe(TableUse use) {
        return use.table().name() + " " + use.role().name().toLowerCase(Locale.ROOT) + " "
                + use.operation().name().toLowerCase(Locale.ROOT);
    }
}
