package dev.kysera.migrations;

import java.util.Objects;

/** How far {@link Migrator#up(UpTarget)} goes: every pending migration, up to a version, or N of them. */
public sealed interface UpTarget {

    /** Every pending migration. */
    static UpTarget all() {
        return All.INSTANCE;
    }

    /** Pending migrations up to and including {@code version}, which a migration must have. */
    static UpTarget toVersion(String version) {
        return new ToVersion(MigrationVersion.of(version));
    }

    /**
     * The next {@code count} pending migrations.
     *
     * @throws MigrationPlanException when {@code count} is below one
     */
    static UpTarget steps(int count) {
        return new Steps(count);
    }

    /** Every pending migration. */
    enum All implements UpTarget {
        INSTANCE
    }

    /** Up to and including a version. */
    record ToVersion(MigrationVersion version) implements UpTarget {
        public ToVersion {
            Objects.requireNonNull(version, "version");
        }
    }

    /** A number of migrations, at least one. */
    record Steps(int count) implements UpTarget {
        public Steps {
            if (count < 1) {
                throw new MigrationPlanException("up steps must be at least 1, was " + count);
            }
        }
    }
}
