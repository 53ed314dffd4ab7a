package dev.kysera.migrations;

/** One direction of a migration written as a lambda, e.g. {@code ctx -> ctx.dsl().dropTable("users").execute()}. */
@FunctionalInterface
public interface MigrationStep {

    /**
     * Runs the step; any exception fails the migration.
     *
     * @param context the connection, dialect and statement recorder of the running migration
     * @throws Exception anything; the migration then fails with {@link MigrationExecutionException}
     */
    void run(MigrationContext context) throws Exception;
}
