package dev.kysera.migrations;

/** Where a migration stands, as {@link Migrator#status()} reports it. */
public enum MigrationState {
    /** In the code, not applied yet. */
    PENDING,
    /** Applied, and its checksum matches the code. */
    APPLIED,
    /** Applied, but the code's checksum differs from the recorded one (it was edited). */
    CHANGED,
    /** Recorded with {@code success = false}: failed or interrupted on a database without transactional DDL. */
    FAILED,
    /** In the history, but no longer in the code. */
    MISSING,
    /** The baseline row written by {@link Migrator#baseline(String)}. */
    BASELINE,
    /** In the code with a version at or before the baseline: treated as applied, never run. */
    BELOW_BASELINE
}
