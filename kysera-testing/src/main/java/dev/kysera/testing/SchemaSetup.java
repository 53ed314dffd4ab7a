package dev.kysera.testing;

/**
 * Creates a schema in an isolated {@link TestDatabase}, named by {@link TestSchema#setup()}:
 * run migrations on {@link TestDatabase#dataSource()}, or jOOQ DDL on {@link TestDatabase#dsl()}.
 */
@FunctionalInterface
public interface SchemaSetup {

    /**
     * Creates the schema in {@code database}.
     *
     * @param database the isolated database to create the schema in; connections from it commit
     * @throws Exception anything; the tests of the class then fail with it
     */
    void create(TestDatabase database) throws Exception;
}
