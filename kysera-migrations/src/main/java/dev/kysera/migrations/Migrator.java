package dev.kysera.migrations;

import dev.kysera.migrations.internal.Engine;
import java.util.Objects;

/**
 * Runs migrations: {@link #up()}, {@link #down(DownTarget)}, {@link #status()},
 * {@link #validate()}, {@link #repair()}, {@link #baseline(String)} and dry runs of up and down.
 *
 * <p>Every command that writes takes the migration lock first (a session-scoped database lock, see
 * the README) and waits at most {@link MigrationConfig#lockTimeout()}, so concurrent runners — two
 * application instances starting at once — apply each migration exactly once. Before changing
 * anything, {@code up} and {@code down} check the history against the code: an edited applied
 * migration is a {@link ChecksumMismatchException}, a failed one a {@link PendingRepairException}.
 *
 * <p>Immutable and thread-safe; each command opens its own connection from the data source and
 * closes it.
 */
public final class Migrator {

    private final MigrationConfig config;
    private final Engine engine;

    private Migrator(MigrationConfig config) {
        this.config = config;
        this.engine = new Engine(config);
    }

    /** A migrator for the configuration. */
    public static Migrator create(MigrationConfig config) {
        return new Migrator(Objects.requireNonNull(config, "config"));
    }

    /** The configuration. */
    public MigrationConfig config() {
        return config;
    }

    /** Applies every pending migration, in version order. */
    public MigrationResult up() {
        return up(UpTarget.all());
    }

    /**
     * Applies pending migrations up to the target, each in its own transaction where the database
     * has transactional DDL (PostgreSQL, SQLite).
     *
     * @throws MigrationExecutionException when a migration fails (the ones before it stay applied)
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationPlanException when the target cannot be planned
     * @throws MigrationLockException when another runner holds the lock too long
     */
    public MigrationResult up(UpTarget target) {
        return engine.up(Objects.requireNonNull(target, "target"));
    }

    /**
     * Reverts applied migrations, newest first. Every migration to revert must be in the code and
     * have a down step, and the baseline cannot be passed; this is checked before anything runs.
     *
     * @throws MigrationPlanException when the target cannot be planned
     */
    public MigrationResult down(DownTarget target) {
        return engine.down(Objects.requireNonNull(target, "target"));
    }

    /**
     * The statements {@code up(target)} would send, in order, without connecting for more than
     * reading the history. Java migrations run against a recording connection that never reaches
     * the database (every query answers with no rows). The history bookkeeping is not included.
     */
    public MigrationResult dryRunUp(UpTarget target) {
        return engine.dryRunUp(Objects.requireNonNull(target, "target"));
    }

    /** The statements {@code down(target)} would send, in order, without changing anything. */
    public MigrationResult dryRunDown(DownTarget target) {
        return engine.dryRunDown(Objects.requireNonNull(target, "target"));
    }

    /** Every migration of the code and the history with its state. Reads only; never creates the history table. */
    public MigrationStatus status() {
        return engine.status();
    }

    /**
     * Checks the history against the code without changing anything.
     *
     * @return the status, when there is no problem
     * @throws PendingRepairException     when a migration is recorded as failed
     * @throws ChecksumMismatchException  when an applied migration was edited
     * @throws MigrationValidationException when an applied migration is missing from the code
     */
    public MigrationStatus validate() {
        return engine.validate();
    }

    /**
     * Deliberately makes the history match the code: deletes rows of failed migrations (restore the
     * schema first) and records the code's checksum and name for edited applied migrations.
     */
    public RepairResult repair() {
        return engine.repair();
    }

    /**
     * Adopts an existing database: records a baseline at {@code version}, so migrations at or before
     * it are treated as applied and never run, and {@code down} cannot go below it.
     *
     * @throws MigrationPlanException when the history table already has rows
     */
    public void baseline(String version) {
        engine.baseline(MigrationVersion.of(version));
    }
}
