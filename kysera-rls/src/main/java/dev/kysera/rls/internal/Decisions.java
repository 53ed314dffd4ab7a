package dev.kysera.rls.internal;

import dev.kysera.executor.Operation;
import dev.kysera.executor.StatementKind;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsDecision;
import dev.kysera.rls.RlsOperation;
import dev.kysera.rls.RlsOptions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Hands decisions to the configured {@link dev.kysera.rls.DecisionSink}. Not API. */
final class Decisions {

    private static final System.Logger LOG = System.getLogger(Decisions.class.getName());

    private Decisions() {
    }

    static void emit(RlsOptions options, Optional<RlsContext> context, String table, RlsOperation op, StatementKind kind,
                     RlsDecision.Outcome outcome, List<String> policies, String reason) {
        RlsDecision decision = new RlsDecision(options.clock().instant(), context.flatMap(RlsContext::findUserId).orElse(null),
                context.flatMap(RlsContext::findTenantId).orElse(null), context.map(RlsContext::roles).orElse(Set.of()), table, op,
                kind, outcome, policies, reason);
        try {
            options.decisions().record(decision);
        } catch (RuntimeException e) {
            // Auditing must not change what the statement did; the failure is still reported.
            LOG.log(System.Logger.Level.ERROR, "RLS decision sink failed for " + decision, e);
        }
    }

    static RlsOperation operation(Operation operation) {
        return switch (operation) {
            case READ -> RlsOperation.READ;
            case INSERT -> RlsOperation.CREATE;
            case UPDATE -> RlsOperation.UPDATE;
            case DELETE -> RlsOperation.DELETE;
        };
    }

    /**
     * The operations an occurrence is judged by: a row a SELECT locks (FOR UPDATE / FOR SHARE) is
     * read and must pass the update rules too, as PostgreSQL applies UPDATE policies to it.
     */
    static List<RlsOperation> operations(dev.kysera.executor.plan.TableUse use) {
        RlsOperation op = operation(use.operation());
        return use.locked() && op == RlsOperation.READ ? List.of(op, RlsOperation.UPDATE) : List.of(op);
    }

    /** What a statement of this kind does to its target, for statements whose plan names no table. */
    static RlsOperation operation(StatementKind kind) {
        return switch (kind) {
            case SELECT -> RlsOperation.READ;
            case INSERT -> RlsOperation.CREATE;
            case DELETE -> RlsOperation.DELETE;
            default -> RlsOperation.UPDATE;
        };
    }
}
