package dev.kysera.rls.internal;

import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableUse;
import dev.kysera.rls.DecisionSink;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsDecision;
import dev.kysera.rls.RlsOperation;
import dev.kysera.rls.RlsOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Records a {@link RlsDecision.Outcome#BYPASSED} decision for every statement that ran without the
 * plugin, through its bypass token: one per protected table and operation, or one for {@value #UNKNOWN}
 * when the executor could not model the statement (its tables are unknown). Not API.
 */
public final class BypassRecorder implements StatementObserver {

    /** The table recorded for a statement whose tables the executor could not tell. */
    public static final String UNKNOWN = "*";

    private final RlsOptions options;
    private final PolicyEngine engine;
    private final Supplier<String> purpose;

    /**
     * @param options where decisions go
     * @param engine  which tables are protected, and the context
     * @param purpose the purpose of the claimed token, named in every decision
     */
    public BypassRecorder(RlsOptions options, PolicyEngine engine, Supplier<String> purpose) {
        this.options = options;
        this.engine = engine;
        this.purpose = purpose;
    }

    @Override
    public void afterStatement(StatementEvent event) {
        if (options.decisions() == DecisionSink.none()) {
            return;
        }
        Optional<RlsContext> context = engine.context(event.context());
        String reason = "bypass token '" + purpose.get() + "'" + event.failure().map(f -> " (the statement failed)").orElse("");
        for (StatementPlan plan : event.plans()) {
            Set<String> seen = new HashSet<>();
            boolean known = false;
            for (TableUse use : plan.tables()) {
                known = true;
                for (RlsOperation op : Decisions.operations(use)) {
                    if (engine.protects(use.table()) && seen.add(use.table().name() + "/" + op)) {
                        Decisions.emit(options, context, use.table().name(), op, plan.kind(), RlsDecision.Outcome.BYPASSED, List.of(), reason);
                    }
                }
            }
            if (!known) {
                Decisions.emit(options, context, UNKNOWN, Decisions.operation(plan.kind()), plan.kind(), RlsDecision.Outcome.BYPASSED,
                        List.of(), reason);
            }
        }
    }
}
