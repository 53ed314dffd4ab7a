package dev.kysera.migrations;

import java.util.List;
import java.util.Optional;

/**
 * Every migration known to the code or the history, in version order.
 *
 * @param migrations one entry per version
 */
public record MigrationStatus(List<MigrationInfo> migrations) {

    public MigrationStatus {
        migrations = List.copyOf(migrations);
    }

    /** The versions in a state, in version order. */
    public List<MigrationVersion> versions(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).map(MigrationInfo::version).toList();
    }

    /** The pending versions, in the order {@code up} would apply them. */
    public List<MigrationVersion> pending() {
        return versions(MigrationState.PENDING);
    }

    /** The newest applied (or baseline) version, if any. */
    public Optional<MigrationVersion> current() {
        return migrations.stream()
                .filter(m -> m.state() == MigrationState.APPLIED || m.state() == MigrationState.CHANGED
                        || m.state() == MigrationState.BASELINE)
                .map(MigrationInfo::version)
                .max(MigrationVersion::compareTo);
    }
}
