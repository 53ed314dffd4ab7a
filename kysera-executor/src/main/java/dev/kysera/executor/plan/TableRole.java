package dev.kysera.executor.plan;

/** Where a table occurrence sits in a statement. */
public enum TableRole {
    /** The table an INSERT, UPDATE, DELETE or MERGE writes. */
    TARGET,
    /** A table of the top-level FROM (or UPDATE … FROM, DELETE … USING) whose rows the statement keeps. */
    SOURCE,
    /** The optional side of an outer join: its rows may be absent (NULL-extended). */
    OPTIONAL_SIDE,
    /** A table inside a nested SELECT: subquery, derived table, set-operation branch, INSERT … SELECT. */
    SUBQUERY,
    /** A table inside the body of a common table expression. */
    CTE_BODY,
    /** A table in the USING clause of a MERGE. */
    MERGE_SOURCE
}
