package dev.kysera.executor.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.RenderImplicitJoinType;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** Derives the jOOQ configurations an executor runs statements through. */
public final class ExecutorConfigurations {

    private static final VisitListenerProvider REWRITER = RewritingVisitListener::new;
    private static final ExecuteListenerProvider KEEP_STATEMENT_GUARD = new DefaultExecuteListenerProvider(new KeepStatementGuard());

    private ExecutorConfigurations() {
    }

    /**
     * A configuration that runs statements through the plugins of {@code scope}: the rewriting
     * listener appended to the user's listeners, implicit path joins rendered as (rewritable)
     * scalar subqueries, and the scope stored for render-time reads.
     */
    public static Configuration withPlugins(Configuration source, Scope scope) {
        Configuration derived = withoutPlugins(source).derive();
        derived.set(append(derived.visitListenerProviders(), REWRITER, VisitListenerProvider[]::new));
        derived.set(append(derived.executeListenerProviders(), KEEP_STATEMENT_GUARD, ExecuteListenerProvider[]::new));
        Settings settings = derived.settings() == null ? new Settings() : (Settings) derived.settings().clone();
        derived.set(settings.withRenderImplicitJoinType(RenderImplicitJoinType.SCALAR_SUBQUERY));
        derived.data(Scope.DATA_KEY, scope);
        return derived;
    }

    /** The same configuration without Kysera's listeners (e.g. a transaction's, for a bypass). */
    public static Configuration withoutPlugins(Configuration configuration) {
        if (!hasRewriter(configuration)) {
            return configuration;
        }
        Configuration derived = configuration.derive();
        derived.set(Arrays.stream(derived.visitListenerProviders()).filter(p -> p != REWRITER).toArray(VisitListenerProvider[]::new));
        derived.set(Arrays.stream(derived.executeListenerProviders()).filter(p -> p != KEEP_STATEMENT_GUARD)
                .toArray(ExecuteListenerProvider[]::new));
        derived.data().remove(Scope.DATA_KEY);
        return derived;
    }

    private static boolean hasRewriter(Configuration configuration) {
        return Arrays.asList(configuration.visitListenerProviders()).contains(REWRITER);
    }

    private static <T> T[] append(T[] existing, T added, java.util.function.IntFunction<T[]> newArray) {
        List<T> all = new ArrayList<>(Arrays.asList(existing));
        all.add(added);
        return all.toArray(newArray.apply(0));
    }
}
