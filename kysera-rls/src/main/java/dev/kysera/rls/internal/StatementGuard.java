package dev.kysera.rls.internal;

import dev.kysera.executor.Operation;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableUse;
import dev.kysera.rls.DecisionSink;
import dev.kysera.rls.RlsAccessDeniedException;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsDecision;
import dev.kysera.rls.RlsOperation;
import dev.kysera.rls.RlsOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.SQLDialect;

/**
 * The plugin's execution-time role: refuses UPDATE and DELETE … RETURNING from a target with
 * masked columns (the returned values would be the stored ones) and records decisions once a statement ran or was
 * refused — never while it only renders. Not API.
 */
public final class StatementGuard implements StatementObserver {

    private final RlsOptions options;
    private final PolicyEngine engine;

    /**
     * @param options what to record, and where
     * @param engine  the decisions
     */
    public StatementGuard(RlsOptions options, PolicyEngine engine) {
        this.options = options;
        this.engine = engine;
    }

    @Override
    public void beforeStatement(StatementEvent event) {
        StatementPlan plan = event.plan();
        refuseOutsideTransaction(event);
        TableReference target = plan.target();
        if (target == null || !plan.returning() || !engine.masksApply(target, event.context())) {
            return;
        }
        if (plan.kind() == StatementKind.UPDATE || plan.kind() == StatementKind.DELETE) {
            throw new RlsAccessDeniedException(options.name(), target.name(), Decisions.operation(plan.kind()).name().toLowerCase(Locale.ROOT),
                    null, "UPDATE or DELETE … RETURNING is refused on a table with masked columns: it would return the stored values", null);
        }
        if (event.context().dialect().family() == SQLDialect.SQLITE) {
            // jOOQ reads the inserted row back with a second SELECT, after the INSERT ran: refuse before anything is written.
            throw new UnsupportedStatementException("INSERT … RETURNING on SQLite reads the row back through the masked columns of '"
                    + target.name() + "': insert without RETURNING");
        }
    }

    /**
     * With a native role, only transactions switch to it: outside one the statement would run as the
     * login role, which the native policies may not restrict (the tables' owner is not).
     */
    private void refuseOutsideTransaction(StatementEvent event) {
        if (options.nativeRole() == null || event.context().inTransaction()) {
            return;
        }
        for (TableUse use : event.plan().tables()) {
            if (engine.protects(use.table())) {
                throw new RlsAccessDeniedException(options.name(), use.table().name(), Decisions.operation(use.operation()).name()
                        .toLowerCase(Locale.ROOT), null, "nativeRole('" + options.nativeRole() + "') is set: statements on protected "
                        + "tables must run in a transaction, the only place they run as that role", null);
            }
        }
    }

    @Override
    public void afterStatement(StatementEvent event) {
        DecisionSink sink = options.decisions();
        if (sink == DecisionSink.none()) {
            return;
        }
        Optional<RlsContext> context = engine.context(event.context());
        StatementKind kind = event.plan().kind();
        Optional<RuntimeException> failure = event.failure();
        if (failure.isPresent()) {
            if (failure.get() instanceof RlsAccessDeniedException denied && denied.plugin().equals(options.name())) {
                Decisions.emit(options, context, denied.table(), RlsOperation.valueOf(denied.operation().toUpperCase(Locale.ROOT)), kind,
                        RlsDecision.Outcome.DENIED, denied.policy() == null ? List.of() : List.of(denied.policy()), denied.reason());
            }
            return;
        }
        Set<String> seen = new HashSet<>();
        for (TableUse use : event.plan().tables()) {
            for (RlsOperation op : Decisions.operations(use)) {
                if (seen.add(use.table().name() + "/" + op)) {
                    explain(use, op, context, kind);
                }
            }
        }
    }

    private void explain(TableUse use, RlsOperation op, Optional<RlsContext> context, StatementKind kind) {
        engine.explain(use.table(), op, context).ifPresent(explained -> {
            boolean record = explained.outcome() != RlsDecision.Outcome.ALLOWED
                    || options.allowedSampleRate() > 0 && ThreadLocalRandom.current().nextDouble() < options.allowedSampleRate();
            if (record) {
                Decisions.emit(options, context, use.table().name(), op, kind, explained.outcome(), explained.policies(), explained.reason());
            }
        });
    }
}
