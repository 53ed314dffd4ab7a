package dev.kysera.executor.internal;

import dev.kysera.executor.UnsupportedStatementException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Insert;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.FetchTriggerValuesAfterReturning;
import org.jooq.impl.QOM;

/**
 * What every statement run through an executor passes, in one listener (each listener costs jOOQ
 * a call per execution event): use after close and statements of an ended transaction are
 * refused, database errors are translated when the executor translates, on SQLite timestamps are
 * bound and inlined in one fixed-width form and jOOQ's {@code last_insert_rowid()} read-back cannot
 * come back, and on H2 upserts are repeated where H2's MERGE lost a race ({@link H2UpsertRepeat}).
 * Stateless: one instance per kind of executor configuration serves every execution;
 * {@link ExecutionListener} calls it where plugins plan or observe.
 */
final class ExecutionBasics implements ExecuteListener {

    private static final H2UpsertRepeat H2_UPSERT_REPEAT = new H2UpsertRepeat();

    private final boolean translates;
    private final boolean sqlite;
    private final boolean h2;
    /** Whether inline literals still need fixing after rendering (no rewriting listener fixed them while rendering). */
    private final boolean fixesLiterals;

    /**
     * @param family   the executor's dialect family
     * @param rewrites whether the configuration renders with the rewriting listener
     */
    ExecutionBasics(boolean translates, SQLDialect family, boolean rewrites) {
        this.translates = translates;
        this.sqlite = family == SQLDialect.SQLITE;
        this.h2 = family == SQLDialect.H2;
        this.fixesLiterals = sqlite && !rewrites;
    }

    @Override
    public void start(ExecuteContext ctx) {
        Scope scope = Scope.of(ctx.configuration());
        if (scope != null) {
            scope.requireUsable();
        }
        if (sqlite && ctx.settings().getFetchTriggerValuesAfterReturning() != FetchTriggerValuesAfterReturning.NEVER
                && insertsReturning(ctx.query())) {
            throw readBackRefused();
        }
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        if (fixesLiterals) {
            SqliteTemporalLiterals.rerender(ctx);
        }
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        if (sqlite) {
            SqliteTemporalBinds.wrap(ctx);
        } else if (h2) {
            // Inside the statement guards' wrapper, which then sees one attempt.
            H2_UPSERT_REPEAT.prepareEnd(ctx);
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        if (translates) {
            ErrorTranslation.translate(ctx);
        }
    }

    /** Whether {@code query} is an INSERT that returns rows: jOOQ's own {@code store()} key read-back included. */
    static boolean insertsReturning(Query query) {
        return query instanceof QOM.InsertReturning<?> || query instanceof Insert<?> && JooqInternals.returningOf(query) != null;
    }

    /**
     * The refusal of an INSERT … RETURNING on SQLite rendered with settings that let jOOQ emulate
     * it (a configuration derived from the executor's with other settings).
     */
    static UnsupportedStatementException readBackRefused() {
        return new UnsupportedStatementException("On SQLite the executor sends INSERT … RETURNING as SQLite's own RETURNING, which "
                + "needs jOOQ's fetchTriggerValuesAfterReturning = NEVER; these settings let jOOQ read the row back by "
                + "last_insert_rowid(), which may be another statement's row: change settings with Executor.withSettings, which keeps it");
    }
}
