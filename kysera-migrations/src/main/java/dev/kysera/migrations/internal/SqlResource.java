package dev.kysera.migrations.internal;

/**
 * A SQL file found by a source.
 *
 * @param location where it was found, for messages (a path or a class-path name)
 * @param fileName the file's own name, e.g. {@code V1__create_users.sql}
 * @param text     its content, read as UTF-8
 */
public record SqlResource(String location, String fileName, String text) {
}
