package dev.kysera.infra.internal;

import dev.kysera.executor.Executor;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import java.util.Objects;
import java.util.function.Function;

/**
 * A transaction decorator that acts on outermost transactions only: a nested one (a savepoint) is
 * part of its enclosing transaction's attempt and passes straight through.
 */
public abstract class OutermostRunner implements TransactionRunner {

    /** The runner decorated: each {@code run} is one complete attempt. */
    protected final TransactionRunner delegate;

    /** Decorates {@code delegate}. */
    protected OutermostRunner(TransactionRunner delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public final <T> T run(TransactionRequest request, Function<Executor, T> block) {
        return request.nested() ? delegate.run(request, block) : runOutermost(request, block);
    }

    /** Runs an outermost transaction; {@link #delegate}{@code .run} is one complete attempt. */
    protected abstract <T> T runOutermost(TransactionRequest request, Function<Executor, T> block);
}
