package dev.kysera.migrations;

/** Which way a migration runs. */
public enum Direction {
    /**
     * Applies the migration.
     */
    UP,
    /**
     * Reverts the migration.
     */
    DOWN
}
