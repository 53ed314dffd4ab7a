/** A transaction-consistent change history of audited tables, with restore. */
module dev.kysera.audit {
    requires transitive dev.kysera.executor;

    exports dev.kysera.audit;
}
