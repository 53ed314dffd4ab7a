package dev.kysera.migrations;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@link Migrator#status()}: a migration from the code, the history, or both.
 *
 * @param version     the version
 * @param name        the name (from the code when present there, else from the history)
 * @param state       where it stands
 * @param checksum    the checksum recorded in the history, if it was applied
 * @param installedAt when it was applied (UTC), if it was
 * @param installedBy who applied it, if it was
 * @param executionTime how long it took, if it was applied
 */
public record MigrationInfo(MigrationVersion version, String name, MigrationState state, Optional<String> checksum,
        Optional<LocalDateTime> installedAt, Optional<String> installedBy, Optional<Duration> executionTime) {

    public MigrationInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(installedAt, "installedAt");
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(executionTime, "executionTime");
    }
}
