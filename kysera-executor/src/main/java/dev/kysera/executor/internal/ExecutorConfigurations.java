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
    private static final ExecuteListenerProvider ERROR_TRANSLATION = new DefaultExecuteListenerProvider(new ErrorTranslation());

    private ExecutorConfigurations() {
    }

    /**
     * The configuration an executor runs statements through. With active plugins: the rewriting
     * listener appended to the user's listeners, implicit path joins rendered as (rewritable)
     * scalar subqueries, and the scope stored for render-time reads. With {@code translateErrors}:
     * database errors become Kysera's typed exceptions. With neither, {@code source} itself.
     */
    public static Configuration forExecutor(Configuration source, Scope scope, boolean translateErrors) {
        boolean plugins = !scope.active().isEmpty();
        if (!plugins && !translateErrors) {
            return source;
        }
        Configuration derived = withoutPlugins(source).derive();
        if (translateErrors) {
            derived.set(append(derived.executeListenerProviders(), ERROR_TRANSLATION, ExecuteListenerProvider[]::new));
        }
        if (plugins) {
            derived.set(append(derived.visitListenerProviders(), REWRITER, VisitListenerProvider[]::new));
            derived.set(append(derived.executeListenerProviders(), KEEP_STATEMENT_GUARD, ExecuteListenerProvider[]::new));
            Settings settings = derived.settings() == null ? new Settings() : (Settings) derived.settings().clone();
            derived.set(settings.withRenderImplicitJoinType(RenderImplicitJoinType.SCALAR_SUBQUERY));
        }
        derived.data(Scope.DATA_KEY, scope);
        return derived;
    }

    /**
     * An executor configuration with another scope of the same plugins: a per-request
     * {@code with(TENANT, …)} costs one {@code derive()}, not a rebuilt listener list and settings.
     */
    public static Configuration rescoped(Configuration executorConfiguration, Scope scope) {
        if (executorConfiguration.data(Scope.DATA_KEY) == null) {
            return executorConfiguration;
        }
        Configuration derived = executorConfiguration.derive();
        derived.data(Scope.DATA_KEY, scope);
        return derived;
    }

    /** The same configuration without Kysera's listeners (e.g. a transaction's, to derive an executor from). */
    public static Configuration withoutPlugins(Configuration configuration) {
        if (configuration.data(Scope.DATA_KEY) == null) {
            return configuration;
        }
        Configuration derived = configuration.derive();
        derived.set(Arrays.stream(derived.visitListenerProviders()).filter(p -> p != REWRITER).toArray(VisitListenerProvider[]::new));
        derived.set(Arrays.stream(derived.executeListenerProviders())
                .filter(p -> p != KEEP_STATEMENT_GUARD && p != ERROR_TRANSLATION).toArray(ExecuteListenerProvider[]::new));
        derived.data().remove(Scope.DATA_KEY);
        return derived;
    }

    private static <T> T[] append(T[] existing, T added, java.util.function.IntFunction<T[]> newArray) {
        List<T> all = new ArrayList<>(Arrays.asList(existing));
        all.add(added);
        return all.toArray(newArray.apply(0));
    }
}
