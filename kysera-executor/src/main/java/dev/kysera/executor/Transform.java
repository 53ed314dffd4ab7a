package dev.kysera.executor;

import dev.kysera.executor.plan.WriteIntent;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link StatementTransform} decides about a write. A decision that does not fit the
 * operation ({@code deleteAsUpdate} of an UPDATE, {@code markAs} of a DELETE) fails the statement
 * with {@link UnsupportedStatementException} when it executes; a refusal with
 * {@link dev.kysera.core.error.AccessDeniedException}.
 */
public sealed interface Transform {

    /**
     * Run the statement as written.
     *
     * @return the shared keeping decision
     */
    static Transform keep() {
        return Keep.INSTANCE;
    }

    /**
     * Only for {@link Operation#DELETE}: update the rows instead, setting these values. Row filters
     * still judge the rows as a DELETE; other plugins' {@link WriteValues} for UPDATE apply. The
     * plan's {@link dev.kysera.executor.plan.StatementPlan#intent()} becomes {@link WriteIntent#SOFT_DELETE}.
     *
     * @param values what to set, at least one
     * @return the decision
     * @throws IllegalArgumentException if {@code values} is empty
     * @throws NullPointerException     if {@code values} is or contains null
     */
    static Transform deleteAsUpdate(List<Assignment> values) {
        return new DeleteAsUpdate(values);
    }

    /**
     * Only for {@link Operation#UPDATE}: run as written, and declare in the plan what the UPDATE means
     * ({@link dev.kysera.executor.plan.StatementPlan#intent()}) — soft delete marks the UPDATEs of its
     * own operations as {@link WriteIntent#SOFT_DELETE} or {@link WriteIntent#RESTORE}, so observers
     * record them as such. The first plugin to declare an intent wins.
     *
     * @param intent what the UPDATE means
     * @return the decision
     * @throws NullPointerException if {@code intent} is null
     * @throws IllegalArgumentException if {@code intent} is {@link WriteIntent#AS_WRITTEN} (use {@link #keep()})
     */
    static Transform markAs(WriteIntent intent) {
        return new Mark(intent);
    }

    /**
     * Refuse the statement before it reaches the database.
     *
     * @param reason why, told to the caller in the {@code AccessDeniedException}
     * @return the decision
     * @throws NullPointerException if {@code reason} is null
     */
    static Transform refuse(String reason) {
        return new Refuse(reason);
    }

    /** Run as written. */
    enum Keep implements Transform {
        /** The only instance. */
        INSTANCE
    }

    /**
     * Update instead of delete.
     *
     * @param values what to set, at least one
     */
    record DeleteAsUpdate(List<Assignment> values) implements Transform {
        /**
         * Copies and validates the values.
         *
         * @throws IllegalArgumentException if {@code values} is empty
         * @throws NullPointerException     if {@code values} is or contains null
         */
        public DeleteAsUpdate {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("deleteAsUpdate needs at least one value to set");
            }
        }
    }

    /**
     * Run as written, meaning {@code intent}.
     *
     * @param intent what the UPDATE means, not {@code AS_WRITTEN}
     */
    record Mark(WriteIntent intent) implements Transform {
        /**
         * Validates the intent.
         *
         * @throws NullPointerException     if {@code intent} is null
         * @throws IllegalArgumentException if {@code intent} is {@link WriteIntent#AS_WRITTEN}
         */
        public Mark {
            Objects.requireNonNull(intent, "intent");
            if (intent == WriteIntent.AS_WRITTEN) {
                throw new IllegalArgumentException("markAs(AS_WRITTEN) declares nothing; use Transform.keep()");
            }
        }
    }

    /**
     * Refused.
     *
     * @param reason why, for the caller
     */
    record Refuse(String reason) implements Transform {
        /**
         * Validates the decision.
         *
         * @throws NullPointerException if {@code reason} is null
         */
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
