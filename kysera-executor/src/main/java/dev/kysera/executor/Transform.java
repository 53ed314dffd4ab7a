package dev.kysera.executor;

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

    /** Refused. @param reason why, for the caller */
    record Refuse(String reason) implements Transform {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
