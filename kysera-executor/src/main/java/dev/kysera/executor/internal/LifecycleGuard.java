package dev.kysera.executor.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * The whole execution phase of an executor whose plugins plan and observe nothing: refuse use
 * after close and statements of a transaction that ended. Stateless, so one instance serves all.
 */
final class LifecycleGuard implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void start(ExecuteContext ctx) {
        Scope scope = Scope.of(ctx.configuration());
        if (scope != null) {
            scope.requireUsable();
        }
    }
}
