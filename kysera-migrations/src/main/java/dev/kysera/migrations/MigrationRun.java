package dev.kysera.migrations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One migration run (or, in a dry run, planned) in one direction, with the statements it sent.
 *
 * @param version    the migration's version
 * @param name       the migration's name
 * @param direction  up or down
 * @param statements the statements, in the order sent (the migrator's own history bookkeeping is not included)
 * @param duration   how long the migration took; zero in a dry run
 */
public record MigrationRun(MigrationVersion version, String name, Direction direction, List<SqlStatement> statements,
        Duration duration) {

    /**
     * Checks the components and copies {@code statements}.
     *
     * @throws NullPointerException if a component is null, or {@code statements} holds null
     */
    public MigrationRun {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        statements = List.copyOf(statements);
        Objects.requireNonNull(duration, "duration");
    }
}
