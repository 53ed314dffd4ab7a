package dev.kysera.migrations;

/** Which way a migration runs. */
public enum Direction {
    UP,
    DOWN
}
