package dev.kysera.rls;

import dev.kysera.executor.StatementKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One decision of row-level security about one table in one executed statement, as handed to a
 * {@link DecisionSink}. Recorded when the statement executes (or is refused at execution), never
 * when it is only rendered.
 *
 * @param at        when the statement finished, from {@link RlsOptions#clock()}
 * @param userId    the context's user id, {@code null} without context or user
 * @param tenantId  the context's tenant id, {@code null} without context or tenant
 * @param roles     the context's roles (empty without context)
 * @param table     the table decided about
 * @param operation what the decision was about
 * @param statement the kind of statement that ran; {@link StatementKind#OTHER} when it was refused
 *                  before its plan was complete
 * @param outcome   what was decided
 * @param policies  the rules that decided: for a denial the denying rule (empty for no context or
 *                  default deny), otherwise every active rule that shaped the statement
 * @param reason    why, in words
 */
public record RlsDecision(Instant at, Object userId, Object tenantId, Set<String> roles, String table, RlsOperation operation,
                          StatementKind statement, Outcome outcome, List<String> policies, String reason) {

    /** What was decided. */
    public enum Outcome {
        /** The statement ran under the table's rules (rows outside them were invisible or untouched). */
        ALLOWED,
        /** The statement was refused, or the table was visible to it with no rows at all (default deny, no context). */
        DENIED,
        /** A role skipped the table's policy: the statement saw the table unrestricted. */
        BYPASSED
    }

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException for a null component other than the ids
     */
    public RlsDecision {
        Objects.requireNonNull(at, "at");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(outcome, "outcome");
        policies = List.copyOf(policies);
        Objects.requireNonNull(reason, "reason");
    }
}
