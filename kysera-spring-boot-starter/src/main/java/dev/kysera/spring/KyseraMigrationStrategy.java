package dev.kysera.spring;

import dev.kysera.migrations.Migrator;

/**
 * What runs kysera-migrations at startup, before any bean uses the executor. The starter's default
 * follows {@code kysera.migrations.*} (migrate, or validate only, with an optional baseline); a
 * bean of this type replaces it, e.g. to validate, repair or migrate to a target version.
 */
@FunctionalInterface
public interface KyseraMigrationStrategy {

    /**
     * Brings the schema to where the application needs it. An exception thrown here fails the
     * application's start, with it as the cause.
     *
     * @param migrator the application's migrator (the starter's, or a {@code Migrator} bean of yours)
     * @throws dev.kysera.migrations.MigrationException when the schema cannot be brought there
     */
    void migrate(Migrator migrator);
}
