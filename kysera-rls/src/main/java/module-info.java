/** Row-level security enforced in SQL on every statement, failing closed. */
module dev.kysera.rls {
    requires transitive dev.kysera.repository;

    exports dev.kysera.rls;
}
