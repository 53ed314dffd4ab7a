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
     * @throws MigrationPlanException when {@code count} is below one
     */
    static DownTarget steps(int count) {
        return new Steps(count);
    }

    /** Every applied migration with a version after {@code version}; the baseline cannot be passed. */
    static DownTarget toVersion(String version) {
        return new ToVersion(MigrationVersion.of(version));
    }

    /** A number of migrations, at least one. */
    record Steps(int count) implements DownTarget {
        public Steps {
            if (count < 1) {
                throw new MigrationPlanException("down steps must be at least 1, was " + count
                        + " (to revert everything, say so: DownTarget.toVersion(\"0\"))");
            }
        }
    }

    /** Back to (and keeping) a version. */
    record ToVersion(MigrationVersion version) implements DownTarget {
        public ToVersion {
            Objects.requireNonNull(version, "version");
        }
    }
}
