package dev.kysera.debug;

/** How the {@link QueryLog} writes SQL. */
public enum SqlStyle {
    /** On one line, whitespace collapsed ({@link SqlFormatter#oneLine}). */
    ONE_LINE,
    /** One clause per line, subqueries indented ({@link SqlFormatter#format}). */
    FORMATTED
}
