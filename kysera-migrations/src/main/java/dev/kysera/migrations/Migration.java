package dev.kysera.migrations;

import dev.kysera.migrations.internal.JavaMigration;
import java.util.Optional;

/**
 * One versioned change of the schema. Implement it as a class (register it explicitly with
 * {@link MigrationSources#of(Migration...)} or through {@link java.util.ServiceLoader}, see
 * {@link MigrationSources#serviceLoader(ClassLoader)}), or build one from lambdas with
 * {@link #of(String, String, MigrationStep, MigrationStep)}. SQL-file migrations come from
 * {@link MigrationSources#directory(java.nio.file.Path)} and {@link MigrationSources#classpath(String)}.
 *
 * <p>Write the change with jOOQ's DSL, DDL included ({@code ctx.dsl().createTable(...)}), and one
 * migration serves every dialect.
 */
public interface Migration {

    /**
     * The version that orders this migration; unique among all migrations of a migrator.
     *
     * @return the version
     */
    MigrationVersion version();

    /**
     * A short human-readable name, stored in the history table (at most 200 characters).
     *
     * @return the name; a blank name is refused with {@link InvalidMigrationException} when the migrations load
     */
    String name();

    /**
     * Applies the change.
     *
     * @param context the connection and dialect to apply the change with
     * @throws Exception anything; the migrator reports it as a {@link MigrationExecutionException}
     */
    void up(MigrationContext context) throws Exception;

    /**
     * Reverts the change. The default has no down step: {@link #isReversible()} is then false and
     * {@code down} refuses, before running anything, to revert this migration.
     *
     * @param context the connection and dialect to revert the change with
     * @throws UnsupportedOperationException in the default, which has no down step
     * @throws Exception anything; the migrator reports it as a {@link MigrationExecutionException}
     */
    default void down(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException("migration " + version() + " has no down step");
    }

    /**
     * Whether {@link #down(MigrationContext)} is implemented. Override together with {@code down}.
     *
     * @return {@code true} if the migration has a down step; {@code false} by default
     */
    default boolean isReversible() {
        return false;
    }

    /**
     * Whether the migration runs inside a transaction. Return false for statements that must run
     * outside one, such as PostgreSQL's {@code CREATE INDEX CONCURRENTLY}; the migrator then records
     * it as on databases without transactional DDL (a row with {@code success = false} first).
     * SQLite always runs migrations in a transaction: that transaction is its lock.
     *
     * @return {@code true} (the default) to run in a transaction
     */
    default boolean isTransactional() {
        return true;
    }

    /**
     * The checksum stored when the migration is applied and compared on every later run. Empty
     * (the default) means: the SHA-256 of the SQL that {@link #up} renders in a dry run, so editing
     * what an applied Java migration does is detected. Return a fixed value (e.g. {@code "1"},
     * bumped by hand) when {@code up} depends on data a dry run cannot see.
     *
     * @return a fixed checksum, or empty to derive it from the rendered SQL
     */
    default Optional<String> checksum() {
        return Optional.empty();
    }

    /**
     * A reversible migration from two lambdas.
     *
     * @param version the version, parsed by {@link MigrationVersion#of}
     * @param name    the migration's name
     * @param up      applies the change
     * @param down    reverts it
     * @return the migration
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code version} is not a valid version
     */
    static Migration of(String version, String name, MigrationStep up, MigrationStep down) {
        return new JavaMigration(MigrationVersion.of(version), name, up, java.util.Objects.requireNonNull(down, "down"));
    }

    /**
     * A migration without a down step: {@link #isReversible()} is false.
     *
     * @param version the version, parsed by {@link MigrationVersion#of}
     * @param name    the migration's name
     * @param up      applies the change
     * @return the migration; {@code down} refuses to revert it
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code version} is not a valid version
     */
    static Migration irreversible(String version, String name, MigrationStep up) {
        return new JavaMigration(MigrationVersion.of(version), name, up, null);
    }
}
