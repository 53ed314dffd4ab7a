package dev.kysera.spring.internal;

import dev.kysera.migrations.ChecksumMismatchException;
import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.MigrationException;
import dev.kysera.migrations.MigrationExecutionException;
import dev.kysera.migrations.MigrationLockException;
import dev.kysera.migrations.MigrationPlanException;
import dev.kysera.migrations.MigrationValidationException;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.PendingRepairException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.ClassUtils;

/**
 * Turns a start that kysera-migrations stopped into Spring Boot's failure report: what the migrator
 * found, and what to do about it for that kind of failure. Registered in {@code spring.factories}
 * while kysera-migrations is an optional dependency, so the migrations' types are touched only once
 * they are known to be on the class path.
 */
public final class MigrationFailureAnalyzer implements FailureAnalyzer {

    private static final boolean MIGRATIONS = ClassUtils.isPresent("dev.kysera.migrations.MigrationException",
            MigrationFailureAnalyzer.class.getClassLoader());

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        return MIGRATIONS ? Analysis.of(failure) : null;
    }

    /** The analysis proper: a class of its own, so it is loaded only with kysera-migrations present. */
    private static final class Analysis {

        private Analysis() {
        }

        /** The analysis of the first migration failure in {@code failure}'s causes, or null if there is none. */
        static FailureAnalysis of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof MigrationException migration) {
                    return new FailureAnalysis("kysera-migrations stopped the start: " + migration.getMessage() + causeText(migration),
                            action(migration), migration);
                }
            }
            return null;
        }

        private static String causeText(MigrationException failure) {
            Throwable cause = failure.getCause();
            return cause == null ? "" : "\nCaused by: " + cause;
        }

        private static String action(MigrationException failure) {
            return switch (failure) {
                case ChecksumMismatchException edited -> "Migration " + versions(edited.versions()) + " was edited after it was applied. "
                        + "Revert the edit, or, if it is deliberate and the database already matches it, record the new checksums "
                        + "with Migrator.repair() (the CLI's 'kysera migrate repair').";
                case PendingRepairException failed -> "Migration " + versions(failed.versions()) + " failed part way on a database whose DDL "
                        + "commits implicitly. Bring the schema back to its state before that migration by hand, then run "
                        + "Migrator.repair() (the CLI's 'kysera migrate repair') and start again.";
                case MigrationValidationException validation -> "The history and the migrations in the code disagree about "
                        + versions(validation.versions()) + ". With kysera.migrations.mode=validate, apply pending migrations first "
                        + "(mode=migrate, or the CLI); otherwise restore the applied migrations that are missing from "
                        + "kysera.migrations.locations and the Migration beans.";
                case MigrationExecutionException execution -> "Fix migration " + execution.version() + " (" + execution.direction() + "). "
                        + (execution.isPartiallyApplied()
                                ? "Its changes may be partly applied (DDL commits implicitly on this database): check the schema, then "
                                        + "run Migrator.repair() before starting again."
                                : "It ran in a transaction that was rolled back, so nothing of it remains: start again once it is fixed.");
                case MigrationLockException locked -> "Another instance held the migration lock for " + locked.waited() + ". Let it finish "
                        + "and start again, or raise kysera.migrations.lock-timeout.";
                case InvalidMigrationException invalid -> "Correct the migration files or Migration beans named above; nothing was run.";
                case MigrationPlanException plan -> "Check kysera.migrations.* (mode, baseline-version) and the migrations against the "
                        + "history; nothing was run.";
                default -> "Check the cause above; 'kysera migrate status' shows the history and what is pending.";
            };
        }

        private static String versions(List<MigrationVersion> versions) {
            return versions.stream().map(MigrationVersion::toString).collect(Collectors.joining(", "));
        }
    }
}
