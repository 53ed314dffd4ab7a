package dev.kysera.migrations;

import java.util.Objects;

/**
 * How far {@link Migrator#down(DownTarget)} reverts. There is no "everything" shortcut and a step
 * count of zero is refused: reverting all migrations is {@code toVersion("0")}, written on purpose.
 */
public sealed interface DownTarget {

    /**
     * The last {@code count} applied migrations, newest first.
     *
     * @param count how many applied migrations to revert, at least one
     * @return the target
     * @throws MigrationPlanException when {@code count} is below one
     */
    static DownTarget steps(int count) {
        return new Steps(count);
    }

    /**
     * Every applied migration with a version after {@code version}; the baseline cannot be passed.
     *
     * @param version the version to go back to; it stays applied ({@code "0"} reverts everything)
     * @return the target
     * @throws IllegalArgumentException if {@code version} is not a valid version (see {@link MigrationVersion#of})
     */
    static DownTarget toVersion(String version) {
        return new ToVersion(MigrationVersion.of(version));
    }

    /**
     * A number of migrations, at least one.
     *
     * @param count how many applied migrations to revert, at least one
     */
    record Steps(int count) implements DownTarget {
        /**
         * Checks the count.
         *
         * @throws MigrationPlanException when {@code count} is below one
         */
        public Steps {
            if (count < 1) {
                throw new MigrationPlanException("down steps must be at least 1, was " + count
                        + " (to revert everything, say so: DownTarget.toVersion(\"0\"))");
            }
        }
    }

    /**
     * Back to (and keeping) a version.
     *
     * @param version the version to go back to; it stays applied
     */
    record ToVersion(MigrationVersion version) implements DownTarget {
        /**
         * Checks the version.
         *
         * @throws NullPointerException if {@code version} is null
         */
        public ToVersion {
            Objects.requireNonNull(version, "version");
        }
    }
}
