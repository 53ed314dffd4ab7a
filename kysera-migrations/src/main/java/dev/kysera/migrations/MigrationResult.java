package dev.kysera.migrations;

import java.util.List;

/**
 * What {@code up} or {@code down} did, or in a dry run would do.
 *
 * @param runs   the migrations in the order they ran; empty when there was nothing to do
 * @param dryRun whether nothing was executed against the database
 */
public record MigrationResult(List<MigrationRun> runs, boolean dryRun) {

    /**
     * Copies {@code runs}, so the result is immutable.
     *
     * @throws NullPointerException if {@code runs} is null or holds null
     */
    public MigrationResult {
        runs = List.copyOf(runs);
    }

    /**
     * The versions that ran, in order.
     *
     * @return the versions, in the order they ran; empty when nothing ran
     */
    public List<MigrationVersion> versions() {
        return runs.stream().map(MigrationRun::version).toList();
    }

    /**
     * Every statement of every run, in order.
     *
     * @return the statements, in the order sent
     */
    public List<SqlStatement> statements() {
        return runs.stream().flatMap(r -> r.statements().stream()).toList();
    }

    /**
     * A script for review: per migration a {@code -- <direction> <version>: <name>} header, then its
     * statements, each ending with {@code ;} (bound values follow as a comment).
     *
     * @return the script; empty when nothing ran
     */
    public String script() {
        StringBuilder out = new StringBuilder();
        for (MigrationRun run : runs) {
            out.append("-- ").append(run.direction().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(run.version()).append(": ").append(run.name()).append('\n');
            for (SqlStatement statement : run.statements()) {
                out.append(statement.sql()).append(";");
                if (!statement.bindValues().isEmpty()) {
                    out.append(" -- binds: ").append(statement.bindValues());
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
