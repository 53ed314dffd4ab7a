package dev.kysera.migrations.internal;

import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationVersion;
import java.util.Objects;

/** What the built-in migrations share: a version and a name. */
abstract class NamedMigration implements Migration {

    private final MigrationVersion version;
    private final String name;

    NamedMigration(MigrationVersion version, String name) {
        this.version = Objects.requireNonNull(version, "version");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final MigrationVersion version() {
        return version;
    }

    @Override
    public final String name() {
        return name;
    }

    /** What {@code down} throws without a down step (the migrator refuses earlier, when planning). */
    final UnsupportedOperationException noDownStep() {
        return new UnsupportedOperationException("migration " + version + " has no down step");
    }
}
