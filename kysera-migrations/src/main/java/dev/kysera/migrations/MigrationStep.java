package dev.kysera.migrations;

/** One direction of a migration written as a lambda, e.g. {@code ctx -> ctx.dsl().dropTable("users").execute()}. */
@FunctionalInterface
public interface MigrationStep {

    /** Runs the step; any exception fails the migration. */
    void run(MigrationContext context) throws Exception;
}
