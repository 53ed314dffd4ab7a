package dev.kysera.migrations;

import java.util.List;
import java.util.Optional;

/**
 * Every migration known to the code or the history, in version order.
 *
 * @param migrations one entry per version
 */
public record MigrationStatus(List<MigrationInfo> migrations) {

    /**
     * Copies {@code migrations}, so the status is immutable.
     *
     * @throws NullPointerException if {@code migrations} is null or holds null
     */
    public MigrationStatus {
        migrations = List.copyOf(migrations);
    }

    /**
     * The versions in a state, in version order.
     *
     * @param state the state to select
     * @return the versions in that state; empty if none is
     */
    public List<MigrationVersion> versions(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).map(MigrationInfo::version).toList();
    }

    /**
     * The pending versions, in the order {@code up} would apply them.
     *
     * @return the pending versions; empty when the database is up to date
     */
    public List<MigrationVersion> pending() {
        return versions(MigrationState.PENDING);
    }

    /**
     * The newest applied (or baseline) version, if any.
     *
     * @return the current version, or empty if nothing is applied
     */
    public Optional<MigrationVersion> current() {
        return migrations.stream()
                .filter(m -> m.state() == MigrationState.APPLIED || m.state() == MigrationState.CHANGED
                        || m.state() == MigrationState.BASELINE)
                .map(MigrationInfo::version)
                .max(MigrationVersion::compareTo);
    }
}
