package dev.kysera.migrations;

import java.util.Objects;

/** How far {@link Migrator#up(UpTarget)} goes: every pending migration, up to a version, or N of them. */
public sealed interface UpTarget {

    /**
     * Every pending migration.
     *
     * @return the target
     */
    static UpTarget all() {
        return All.INSTANCE;
    }

    /**
     * Pending migrations up to and including {@code version}, which a migration must have.
     *
     * @param version the last version to apply; planning fails if no migration has it
     * @return the target
     * @throws IllegalArgumentException if {@code version} is not a valid version (see {@link MigrationVersion#of})
     */
    static UpTarget toVersion(String version) {
        return new ToVersion(MigrationVersion.of(version));
    }

    /**
     * The next {@code count} pending migrations.
     *
     * @param count how many pending migrations to apply, at least one
     * @return the target
     * @throws MigrationPlanException when {@code count} is below one
     */
    static UpTarget steps(int count) {
        return new Steps(count);
    }

    /** Every pending migration. */
    enum All implements UpTarget {
        /**
         * The only instance.
         */
        INSTANCE
    }

    /**
     * Up to and including a version.
     *
     * @param version the last version to apply
     */
    record ToVersion(MigrationVersion version) implements UpTarget {
        /**
         * Checks the version.
         *
         * @throws NullPointerException if {@code version} is null
         */
        public ToVersion {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * A number of migrations, at least one.
     *
     * @param count how many pending migrations to apply, at least one
     */
    record Steps(int count) implements UpTarget {
        /**
         * Checks the count.
         *
         * @throws MigrationPlanException when {@code count} is below one
         */
        public Steps {
            if (count < 1) {
                throw new MigrationPlanException("up steps must be at least 1, was " + count);
            }
        }
    }
}
