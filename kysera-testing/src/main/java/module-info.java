/** A JUnit 5 toolkit for applications built on Kysera: rolled-back tests over real databases, factories, seeding. */
module dev.kysera.testing {
    requires transitive dev.kysera.executor;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;
    requires com.zaxxer.hikari;
    // optional: present when the application uses them
    requires static dev.kysera.repository;
    requires static dev.kysera.dal;
    requires static dev.kysera.migrations;
    requires static embedded.postgres;
    requires static net.datafaker;

    exports dev.kysera.testing;
    exports dev.kysera.testing.factory;
    exports dev.kysera.testing.schema;
    exports dev.kysera.testing.seed;
}
