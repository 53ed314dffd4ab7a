package dev.kysera.executor.internal;

import dev.kysera.core.error.ErrorTranslator;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Replaces jOOQ's {@code DataAccessException}s with Kysera's typed errors (unique, foreign key,
 * transient, …) for every statement run through an executor; the original stays the cause.
 */
final class ErrorTranslation implements ExecuteListener {

    private static final ErrorTranslator TRANSLATOR = ErrorTranslator.standard();

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        if (failure != null) {
            ctx.exception(TRANSLATOR.translate(failure, ctx.dialect()));
        }
    }
}
