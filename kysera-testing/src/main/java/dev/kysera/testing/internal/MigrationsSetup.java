package dev.kysera.testing.internal;

import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationSources;
import dev.kysera.migrations.Migrator;
import dev.kysera.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Applies kysera-migrations SQL migrations; the only class that names the (optional) module. */
final class MigrationsSetup {

    private static final String MIGRATOR_CLASS = "dev.kysera.migrations.Migrator";

    private MigrationsSetup() {
    }

    /**
     * Migrates {@code database} up with the migrations at the class path {@code location}.
     *
     * @throws ExtensionConfigurationException if kysera-migrations is not on the class path
     */
    static void migrate(TestDatabase database, String location) {
        try {
            Class.forName(MIGRATOR_CLASS, false, MigrationsSetup.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("@TestSchema(migrations = \"" + location + "\") needs"
                    + " dev.kysera:kysera-migrations on the test class path", e);
        }
        Migrations.up(database, location.replace("{database}", database.database().label()));
    }

    /** Kept apart so that checking for the module never loads its classes. */
    private static final class Migrations {
        static void up(TestDatabase database, String location) {
            Migrator.create(MigrationConfig.builder()
                    .dataSource(database.dataSource())
                    .dialect(database.dialect())
                    .source(MigrationSources.classpath(location))
                    .build()).up();
        }
    }
}
