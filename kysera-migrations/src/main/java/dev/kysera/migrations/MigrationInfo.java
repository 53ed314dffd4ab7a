package dev.kysera.migrations;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@link Migrator#status()}: a migration from the code, the history, or both.
 * Immutable; two infos are equal when all their values are. What only the history knows
 * (checksum, when, who, how long) is absent for a migration that was never applied.
 */
public final class MigrationInfo {

    private final MigrationVersion version;
    private final String name;
    private final MigrationState state;
    private final String checksum;
    private final LocalDateTime installedAt;
    private final String installedBy;
    private final Duration executionTime;

    /**
     * A migration of the code that the history does not record (pending, or below the baseline).
     *
     * @param version the migration's version
     * @param name    its name
     * @param state   where it stands (typically {@link MigrationState#PENDING})
     * @return the info; history values are empty
     * @throws NullPointerException if an argument is null
     */
    public static MigrationInfo unrecorded(MigrationVersion version, String name, MigrationState state) {
        return new MigrationInfo(version, name, state, null, null, null, null);
    }

    /**
     * A migration the history records.
     *
     * @param checksum      the recorded checksum, or null when the history has none (a baseline row)
     * @param installedAt   when it was applied (UTC)
     * @param installedBy   who applied it
     * @param executionTime how long it took
     * @param version       the migration's version
     * @param name          its name
     * @param state         where it stands
     * @return the info
     * @throws NullPointerException if an argument other than {@code checksum} is null
     */
    public static MigrationInfo recorded(MigrationVersion version, String name, MigrationState state, String checksum,
            LocalDateTime installedAt, String installedBy, Duration executionTime) {
        return new MigrationInfo(version, name, state, checksum, Objects.requireNonNull(installedAt, "installedAt"),
                Objects.requireNonNull(installedBy, "installedBy"), Objects.requireNonNull(executionTime, "executionTime"));
    }

    private MigrationInfo(MigrationVersion version, String name, MigrationState state, String checksum, LocalDateTime installedAt,
            String installedBy, Duration executionTime) {
        this.version = Objects.requireNonNull(version, "version");
        this.name = Objects.requireNonNull(name, "name");
        this.state = Objects.requireNonNull(state, "state");
        this.checksum = checksum;
        this.installedAt = installedAt;
        this.installedBy = installedBy;
        this.executionTime = executionTime;
    }

    /**
     * The version.
     *
     * @return the version
     */
    public MigrationVersion version() {
        return version;
    }

    /**
     * The name (from the code when present there, else from the history).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Where it stands.
     *
     * @return the state
     */
    public MigrationState state() {
        return state;
    }

    /**
     * The checksum recorded in the history, if it was applied.
     *
     * @return the recorded checksum, or empty if never applied or recorded without one (a baseline)
     */
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    /**
     * When it was applied (UTC), if it was.
     *
     * @return the time applied, or empty if never applied
     */
    public Optional<LocalDateTime> installedAt() {
        return Optional.ofNullable(installedAt);
    }

    /**
     * Who applied it, if it was.
     *
     * @return who applied it (the configured name, else the database user), or empty if never
     *         applied
     */
    public Optional<String> installedBy() {
        return Optional.ofNullable(installedBy);
    }

    /**
     * How long it took, if it was applied.
     *
     * @return its run time, or empty if never applied
     */
    public Optional<Duration> executionTime() {
        return Optional.ofNullable(executionTime);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationInfo that && version.equals(that.version) && name.equals(that.name) && state == that.state
                && Objects.equals(checksum, that.checksum) && Objects.equals(installedAt, that.installedAt)
                && Objects.equals(installedBy, that.installedBy) && Objects.equals(executionTime, that.executionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, name, state, checksum, installedAt, installedBy, executionTime);
    }

    @Override
    public String toString() {
        return "MigrationInfo[version=" + version + ", name=" + name + ", state=" + state + ", checksum=" + checksum
                + ", installedAt=" + installedAt + ", installedBy=" + installedBy + ", executionTime=" + executionTime + "]";
    }
}
