package dev.kysera.executor.internal;

import org.jooq.QueryPart;

/**
 * Recognises jOOQ's plain-SQL query parts ({@code DSL.table("…")}, {@code dsl.fetch("…")}). jOOQ
 * exposes no public type for them (its {@code QOM.UEmpty*} markers are package-private), so they
 * are told apart by implementation class; {@code PlainSqlContractTest} fails if a jOOQ upgrade
 * renames them.
 */
final class PlainSql {

    private PlainSql() {
    }

    static boolean isQuery(QueryPart part) {
        String name = part.getClass().getName();
        return name.equals("org.jooq.impl.SQLResultQuery") || name.equals("org.jooq.impl.SQLQuery");
    }

    /**
     * jOOQ's own read-back of the row an INSERT just wrote on SQLite ({@code … WHERE _rowid_ =
     * last_insert_rowid()}): it names exactly that row, which is the statement's own whatever
     * plugins would hide, so it is not filtered.
     */
    static boolean isInsertedRowReadBack(org.jooq.Condition where) {
        return where instanceof org.jooq.impl.QOM.Eq<?> eq && isLastInsertRowid(eq.$arg2());
    }

    private static boolean isLastInsertRowid(QueryPart part) {
        String name = part.getClass().getName();
        return (name.equals("org.jooq.impl.SQLField") || name.equals("org.jooq.impl.SQLFieldSimple"))
                && part.toString().contains("last_insert_rowid()");
    }

    static boolean isTable(QueryPart part) {
        return part.getClass().getName().equals("org.jooq.impl.SQLTable");
    }
}
