/** A JUnit 5 toolkit for applications built on Kysera: rolled-back tests over a real database. */
module dev.kysera.testing {
    requires transitive dev.kysera.executor;
    requires transitive org.junit.jupiter.api;

    exports dev.kysera.testing;
}
