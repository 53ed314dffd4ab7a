package dev.kysera.executor;

/** The kind of statement a table reference appears in, as seen by plugins. */
public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE
}
