package dev.kysera.testing;

/**
 * What a {@link Commit} test leaves behind. Tables named in {@link Commit#keep()} are left alone.
 */
public enum Cleaning {
    /** Nothing is cleaned: the test's writes stay (the test cleans up itself). */
    NONE,
    /**
     * Every table is emptied and identities restart, children with their parents (PostgreSQL
     * {@code TRUNCATE … RESTART IDENTITY}; the other databases with foreign keys honoured the same way).
     */
    TRUNCATE,
    /** Every table's rows are deleted, referencing tables before the tables they reference; identities go on. */
    DELETE,
    /**
     * The class's isolated schema is dropped and created again with its {@link TestSchema}; only in
     * {@link DatabaseTest} tests, which have one.
     */
    RECREATE_SCHEMA
}
