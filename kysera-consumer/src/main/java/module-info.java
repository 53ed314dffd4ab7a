/** A consumer of Kysera on the module path: its API is readable, its internals are not. */
module dev.kysera.consumer {
    requires dev.kysera.repository;
    requires dev.kysera.dal;
    requires dev.kysera.softdelete;
    requires dev.kysera.timestamps;
    requires dev.kysera.rls;
    requires org.xerial.sqlitejdbc;

    // Kysera maps rows to and from these records reflectively.
    exports dev.kysera.consumer.model to dev.kysera.repository;
}
