package dev.kysera.executor.internal;

import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Query;

/**
 * Wraps a user's jOOQ {@code ExecuteListener} so that, from the moment the statement was planned,
 * {@code ctx.query()} is the statement that runs, not the caller's query object. Every other part
 * of the context is the execution's own, setters included.
 */
final class PlannedQueryListener implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final transient ExecuteListener delegate;

    private PlannedQueryListener(ExecuteListener delegate) {
        this.delegate = delegate;
    }

    /** A provider of wrapped listeners for a user's provider. */
    static ExecuteListenerProvider wrap(ExecuteListenerProvider provider) {
        return new Provider(provider);
    }

    /** The user's provider behind a wrapper. */
    static ExecuteListenerProvider unwrap(ExecuteListenerProvider provider) {
        return provider instanceof Provider wrapper ? wrapper.provider : provider;
    }

    private record Provider(ExecuteListenerProvider provider) implements ExecuteListenerProvider {
        @Override
        public ExecuteListener provide() {
            return new PlannedQueryListener(provider.provide());
        }
    }

    private static ExecuteContext view(ExecuteContext ctx) {
        Query planned = plannedQuery(ctx);
        return planned == null ? ctx : new PlannedQueryContext(ctx, planned);
    }

    @SuppressWarnings("unchecked")
    private static Query plannedQuery(ExecuteContext ctx) {
        if (ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE) {
            return null;
        }
        List<PlannedStatement> plans = (List<PlannedStatement>) ctx.data(RewritingVisitListener.PLANS);
        return plans == null || plans.isEmpty() ? null : plans.getFirst().statement();
    }

    @Override
    public void start(ExecuteContext ctx) {
        delegate.start(view(ctx));
    }

    @Override
    public void renderStart(ExecuteContext ctx) {
        delegate.renderStart(view(ctx));
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        delegate.renderEnd(view(ctx));
    }

    @Override
    public void prepareStart(ExecuteContext ctx) {
        delegate.prepareStart(view(ctx));
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        delegate.prepareEnd(view(ctx));
    }

    @Override
    public void bindStart(ExecuteContext ctx) {
        delegate.bindStart(view(ctx));
    }

    @Override
    public void bindEnd(ExecuteContext ctx) {
        delegate.bindEnd(view(ctx));
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        delegate.executeStart(view(ctx));
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        delegate.executeEnd(view(ctx));
    }

    @Override
    public void outStart(ExecuteContext ctx) {
        delegate.outStart(view(ctx));
    }

    @Override
    public void outEnd(ExecuteContext ctx) {
        delegate.outEnd(view(ctx));
    }

    @Override
    public void fetchStart(ExecuteContext ctx) {
        delegate.fetchStart(view(ctx));
    }

    @Override
    public void resultStart(ExecuteContext ctx) {
        delegate.resultStart(view(ctx));
    }

    @Override
    public void recordStart(ExecuteContext ctx) {
        delegate.recordStart(view(ctx));
    }

    @Override
    public void recordEnd(ExecuteContext ctx) {
        delegate.recordEnd(view(ctx));
    }

    @Override
    public void resultEnd(ExecuteContext ctx) {
        delegate.resultEnd(view(ctx));
    }

    @Override
    public void fetchEnd(ExecuteContext ctx) {
        delegate.fetchEnd(view(ctx));
    }

    @Override
    public void end(ExecuteContext ctx) {
        delegate.end(view(ctx));
    }

    @Override
    public void exception(ExecuteContext ctx) {
        delegate.exception(view(ctx));
    }

    @Override
    public void warning(ExecuteContext ctx) {
        delegate.warning(view(ctx));
    }
}
