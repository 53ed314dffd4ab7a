/** Timestamps: created and updated columns stamped on every write. */
module dev.kysera.timestamps {
    requires transitive dev.kysera.repository;

    exports dev.kysera.timestamps;
}
