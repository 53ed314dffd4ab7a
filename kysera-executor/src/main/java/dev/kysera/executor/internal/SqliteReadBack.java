package dev.kysera.executor.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Insert;
import org.jooq.Select;

/**
 * jOOQ emulates INSERT … RETURNING on SQLite by running the INSERT and then reading back
 * {@code … WHERE _rowid_ = last_insert_rowid()}. When the INSERT wrote no row (an INSERT … SELECT
 * whose SELECT matched nothing, an upsert that did nothing), {@code last_insert_rowid()} is still the
 * connection's previous insert, and jOOQ would return that row. This listener marks an INSERT that
 * wrote nothing on its execution's configuration (which jOOQ derives per execution, and from which
 * the nested read-back derives its own), and turns the read-back of such an INSERT into a query
 * that returns no row. Stateless: one instance serves every execution.
 */
final class SqliteReadBack implements ExecuteListener {

    /** Set on the configuration of an INSERT's execution when it wrote no row. */
    static final String NOTHING_INSERTED = "dev.kysera.executor.sqlite.nothingInserted";

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (ctx.batchMode() == ExecuteContext.BatchMode.NONE && ctx.query() instanceof Insert<?> && ctx.rows() == 0) {
            ctx.configuration().data(NOTHING_INSERTED, Boolean.TRUE);
        }
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        // Recognised structurally (jOOQ's read-back SELECT), never by SQL text; only its SQL is wrapped.
        if (ctx.query() instanceof Select<?> select && JooqInternals.isInsertedRowReadBack(select.$where())
                && Boolean.TRUE.equals(ctx.configuration().data(NOTHING_INSERTED)) && ctx.sql() != null) {
            ctx.sql("select * from (" + ctx.sql() + ") where 0 = 1");
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (ctx.query() instanceof Insert<?>) {
            // The INSERT's configuration is its own, but never let the mark outlive the statement that set it.
            ctx.configuration().data().remove(NOTHING_INSERTED);
        }
    }
}
