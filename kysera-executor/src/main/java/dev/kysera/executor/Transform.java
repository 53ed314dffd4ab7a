package dev.kysera.executor;

import dev.kysera.executor.plan.WriteIntent;
import java.util.List;
import java.util.Objects;

/** What a {@link StatementTransform} decides about a write. */
public sealed interface Transform {

    /** Run the statement as written. */
    static Transform keep() {
        return Keep.INSTANCE;
    }

    /**
     * Only for {@link Operation#DELETE}: update the rows instead, setting these values. Row filters
     * still judge the rows as a DELETE; other plugins' {@link WriteValues} for UPDATE apply.
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
     * @throws NullPointerException if {@code intent} is null
     * @throws IllegalArgumentException if {@code intent} is {@link WriteIntent#AS_WRITTEN} (use {@link #keep()})
     */
    static Transform markAs(WriteIntent intent) {
        return new Mark(intent);
    }

    /** Refuse the statement before it reaches the database. */
    static Transform refuse(String reason) {
        return new Refuse(reason);
    }

    /** Run as written. */
    enum Keep implements Transform {
        INSTANCE
    }

    /** Update instead of delete. @param values what to set, at least one */
    record DeleteAsUpdate(List<Assignment> values) implements Transform {
        public DeleteAsUpdate {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("deleteAsUpdate needs at least one value to set");
            }
        }
    }

    /** Run as written, meaning {@code intent}. @param intent what the UPDATE means, not {@code AS_WRITTEN} */
    record Mark(WriteIntent intent) implements Transform {
        public Mark {
            Objects.requireNonNull(intent, "intent");
            if (intent == WriteIntent.AS_WRITTEN) {
                throw new IllegalArgumentException("markAs(AS_WRITTEN) declares nothing; use Transform.keep()");
            }
        }
    }

    /** Refused. @param reason why, for the caller */
    record Refuse(String reason) implements Transform {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
