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

    static boolean isTable(QueryPart part) {
        return part.getClass().getName().equals("org.jooq.impl.SQLTable");
    }
}
