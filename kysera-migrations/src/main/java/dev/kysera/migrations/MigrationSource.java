package dev.kysera.migrations;

import java.util.List;
import org.jooq.SQLDialect;

/**
 * Where migrations come from. Sources are combined by {@link MigrationConfig.Builder#source}; the
 * migrator sorts the union by version and refuses duplicate versions. See {@link MigrationSources}
 * for the built-in ones.
 */
@FunctionalInterface
public interface MigrationSource {

    /**
     * The migrations for a dialect (a SQL file may have per-dialect variants).
     *
     * @param dialect the dialect of the database being migrated
     * @return the migrations, in any order
     * @throws InvalidMigrationException when a migration cannot be read or is malformed
     */
    List<Migration> load(SQLDialect dialect);
}
