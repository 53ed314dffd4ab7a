package dev.kysera.executor;

/** The kind of a statement as the database runs it, after plugins changed it. */
public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    /** Anything else: DDL, TRUNCATE, procedure calls, plain SQL the executor could not read. */
    OTHER
}
