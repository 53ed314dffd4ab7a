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

    /**
     * A migrator for the configuration.
     *
     * @param config the configuration
     * @return the migrator; nothing is connected or loaded yet
     * @throws NullPointerException if {@code config} is null
     */
    public static Migrator create(MigrationConfig config) {
        return new Migrator(Objects.requireNonNull(config, "config"));
    }

    /**
     * The configuration.
     *
     * @return the configuration
     */
    public MigrationConfig config() {
        return config;
    }

    /**
     * Applies every pending migration, in version order, as {@link #up(UpTarget)} does.
     *
     * @return the migrations applied, with their statements
     * @throws MigrationExecutionException  when a migration fails (the ones before it stay applied)
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationPlanException       when a pending migration is older than the newest applied one
     *                                       and out-of-order is off
     * @throws MigrationLockException when another runner holds the lock too long
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationResult up() {
        return up(UpTarget.all());
    }

    /**
     * Applies pending migrations up to the target, each in its own transaction where the database
     * has transactional DDL (PostgreSQL, SQLite).
     *
     * @param target how far to go
     * @return the migrations applied, with their statements
     * @throws MigrationExecutionException when a migration fails (the ones before it stay applied)
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationPlanException when the target cannot be planned
     * @throws MigrationLockException when another runner holds the lock too long
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationResult up(UpTarget target) {
        return engine.up(Objects.requireNonNull(target, "target"));
    }

    /**
     * Reverts applied migrations, newest first. Every migration to revert must be in the code and
     * have a down step, and the baseline cannot be passed; this is checked before anything runs.
     *
     * @param target how far to revert
     * @return the migrations reverted, newest first, with their statements
     * @throws MigrationPlanException when the target cannot be planned
     * @throws MigrationExecutionException  when a down step fails (the ones before it stay reverted)
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationLockException when another runner holds the lock too long
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationResult down(DownTarget target) {
        return engine.down(Objects.requireNonNull(target, "target"));
    }

    /**
     * The statements {@code up(target)} would send, in order, without connecting for more than
     * reading the history. Java migrations run against a recording connection that never reaches
     * the database (every query answers with no rows). The history bookkeeping is not included.
     *
     * @param target how far {@code up} would go
     * @return the planned runs, with {@link MigrationResult#dryRun()} true and zero durations
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationPlanException       when the target cannot be planned
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationResult dryRunUp(UpTarget target) {
        return engine.dryRunUp(Objects.requireNonNull(target, "target"));
    }

    /**
     * The statements {@code down(target)} would send, in order, without changing anything.
     *
     * @param target how far {@code down} would revert
     * @return the planned runs, with {@link MigrationResult#dryRun()} true and zero durations
     * @throws MigrationValidationException when the history disagrees with the code
     * @throws MigrationPlanException       when the target cannot be planned
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationResult dryRunDown(DownTarget target) {
        return engine.dryRunDown(Objects.requireNonNull(target, "target"));
    }

    /**
     * Every migration of the code and the history with its state. Reads only; never creates the history table.
     *
     * @return every known migration in version order; all pending when there is no history table
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
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
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public MigrationStatus validate() {
        return engine.validate();
    }

    /**
     * Deliberately makes the history match the code: deletes rows of failed migrations (restore the
     * schema first) and records the code's checksum and name for edited applied migrations.
     *
     * @return the versions whose rows were deleted or realigned; both empty when nothing needed repair
     * @throws MigrationLockException when another runner holds the lock too long
     * @throws InvalidMigrationException when the migrations cannot be loaded
     */
    public RepairResult repair() {
        return engine.repair();
    }

    /**
     * Adopts an existing database: records a baseline at {@code version}, so migrations at or before
     * it are treated as applied and never run, and {@code down} cannot go below it.
     *
     * @param version the version the existing schema corresponds to
     * @throws MigrationPlanException when the history table already has rows
     * @throws IllegalArgumentException if {@code version} is not a valid version
     * @throws MigrationLockException when another runner holds the lock too long
     */
    public void baseline(String version) {
        engine.baseline(MigrationVersion.of(version));
    }
}
