package dev.kysera.executor;

/** The kind of a statement as the database runs it, after plugins changed it. */
public enum StatementKind {
    /** A query: SELECT, also a set operation or a plain-SQL query the executor parsed. */
    SELECT,
    /** An INSERT, including an upsert and INSERT … SELECT. */
    INSERT,
    /** An UPDATE, including a DELETE that a plugin turned into one. */
    UPDATE,
    /** A DELETE. */
    DELETE,
    /** A MERGE. */
    MERGE,
    /** Anything else: DDL, TRUNCATE, procedure calls, plain SQL the executor could not read. */
    OTHER
}
