package dev.kysera.migrations.internal;

import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationStep;
import dev.kysera.migrations.MigrationVersion;
import java.util.Objects;

/** A migration built from lambdas by {@link Migration#of}; {@code down} is null when irreversible. */
public final class JavaMigration extends NamedMigration {

    private final MigrationStep up;
    private final MigrationStep down;

    public JavaMigration(MigrationVersion version, String name, MigrationStep up, MigrationStep down) {
        super(version, name);
        this.up = Objects.requireNonNull(up, "up");
        this.down = down;
    }

    @Override
    public void up(MigrationContext context) throws Exception {
        up.run(context);
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        if (down == null) {
            throw noDownStep();
        } else {
            down.run(context);
        }
    }

    @Override
    public boolean isReversible() {
        return down != null;
    }

    @Override
    public String toString() {
        return "Migration[" + version() + " " + name() + "]";
    }
}
