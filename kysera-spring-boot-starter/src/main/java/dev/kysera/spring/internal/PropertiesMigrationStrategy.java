package dev.kysera.spring.internal;

import dev.kysera.migrations.MigrationPlanException;
import dev.kysera.migrations.MigrationResult;
import dev.kysera.migrations.MigrationState;
import dev.kysera.migrations.MigrationStatus;
import dev.kysera.migrations.MigrationValidationException;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.Migrator;
import dev.kysera.spring.KyseraMigrationStrategy;
import dev.kysera.spring.KyseraProperties;
import java.lang.System.Logger.Level;
import java.util.List;

/** The starter's default startup run, as {@code kysera.migrations.mode} and {@code .baseline-version} say. */
public record PropertiesMigrationStrategy(KyseraProperties.Migrations properties) implements KyseraMigrationStrategy {

    private static final System.Logger LOG = System.getLogger(KyseraMigrationStrategy.class.getName());

    @Override
    public void migrate(Migrator migrator) {
        MigrationStatus status = migrator.status();
        if (status.migrations().isEmpty()) {
            // Only reachable with the default location absent and no Migration beans: nothing was configured.
            LOG.log(Level.INFO, "kysera-migrations: no migrations in {0} and no Migration beans, nothing to run",
                    KyseraProperties.Migrations.DEFAULT_LOCATION);
            return;
        }
        if (properties.mode() == KyseraProperties.MigrationsMode.VALIDATE) {
            List<MigrationVersion> pending = migrator.validate().pending();
            if (!pending.isEmpty()) {
                throw new MigrationValidationException("kysera.migrations.mode=validate and migrations are pending: " + pending
                        + "; apply them before starting this application", pending);
            }
            return;
        }
        if (properties.baselineVersion() != null && status.migrations().stream().allMatch(m -> m.state() == MigrationState.PENDING)) {
            baseline(migrator, properties.baselineVersion());
        }
        MigrationResult result = migrator.up();
        LOG.log(Level.INFO, "kysera-migrations: applied {0}", result.versions());
    }

    /** Another instance may baseline between our read and our write: its baseline at the same version is ours too. */
    private static void baseline(Migrator migrator, String version) {
        try {
            migrator.baseline(version);
        } catch (MigrationPlanException e) {
            MigrationVersion wanted = MigrationVersion.of(version);
            boolean sameBaseline = migrator.status().migrations().stream()
                    .anyMatch(m -> m.state() == MigrationState.BASELINE && m.version().equals(wanted));
            if (!sameBaseline) {
                throw e;
            }
        }
    }
}
