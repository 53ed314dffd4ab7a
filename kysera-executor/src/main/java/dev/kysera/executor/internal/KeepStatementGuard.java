package dev.kysera.executor.internal;

import dev.kysera.executor.UnsupportedStatementException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Refuses re-executing a statement kept open with {@code keepStatement(true)}: jOOQ then skips
 * rendering and reuses the first execution's SQL and bind values, so tenant, user or time read by
 * plugins would silently be stale.
 */
final class KeepStatementGuard implements ExecuteListener {

    private static final String RENDERED = "dev.kysera.executor.rendered";

    @Override
    public void renderStart(ExecuteContext ctx) {
        ctx.data(RENDERED, Boolean.TRUE);
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.query() == null || ctx.data(RENDERED) != null) {
            return;
        }
        Scope scope = Scope.of(ctx.configuration());
        if (scope != null && scope.anyReadsContext()) {
            throw new UnsupportedStatementException("A kept statement (keepStatement(true)) is being re-executed with the bind values "
                    + "of its first execution, but plugins read context at render time; build the query again instead");
        }
    }
}
