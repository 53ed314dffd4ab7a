package dev.kysera.executor.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Replaces jOOQ's {@code DataAccessException}s with Kysera's typed errors (unique, foreign key,
 * transient, …) for every statement run through an executor; the original stays the cause.
 */
final class ErrorTranslation implements ExecuteListener {

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        Scope scope = Scope.of(ctx.configuration());
        if (failure != null && scope != null) {
            scope.lifecycle().translator().ifPresent(translator -> ctx.exception(translator.translate(failure, ctx.dialect())));
        }
    }
}
