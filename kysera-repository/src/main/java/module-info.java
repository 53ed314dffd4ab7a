/** Repositories: typed CRUD, paging and validation over the executor. */
module dev.kysera.repository {
    requires transitive dev.kysera.executor;

    exports dev.kysera.repository;
    exports dev.kysera.repository.validation;
}
