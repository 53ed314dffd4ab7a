/** Versioned migrations with checksums, locks, down migrations and dry runs. */
module dev.kysera.migrations {
    requires transitive dev.kysera.core;

    exports dev.kysera.migrations;
}
