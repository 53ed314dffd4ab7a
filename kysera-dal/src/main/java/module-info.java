/** The functional data-access layer: typed queries over a context that carries the transaction. */
module dev.kysera.dal {
    requires transitive dev.kysera.executor;

    exports dev.kysera.dal;
}
