package dev.kysera.migrations;

/**
 * The requested command cannot be planned: a target version no migration has, a step count below
 * one, {@code down} past the baseline or through a migration without a down step or missing from
 * the code, {@code baseline} on a database that already has history, a pending migration older
 * than the newest applied one. Checked before anything runs, so nothing was changed.
 */
public class MigrationPlanException extends MigrationException {

    private static final long serialVersionUID = 1L;

    /**
     * The error code of this exception, {@value}.
     */
    public static final String CODE = "MIGRATION_PLAN";

    /**
     * Creates the exception.
     *
     * @param message why the command cannot be planned
     */
    public MigrationPlanException(String message) {
        super(CODE, message, null);
    }
}
