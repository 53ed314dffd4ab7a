package dev.kysera.executor;

import java.util.Objects;
import org.jooq.Condition;

/** What a {@link WriteRule} decides about a write. */
public sealed interface Verdict {

    /** The write may run as it is. */
    static Verdict allow() {
        return Allow.INSTANCE;
    }

    /** The write must not run; {@code reason} is told to the caller. */
    static Verdict refuse(String reason) {
        return new Refuse(reason);
    }

    /** The write may run for rows that satisfy {@code condition}, evaluated by the database. */
    static Verdict require(Condition condition) {
        return new Require(condition);
    }

    /** The write may run as it is. */
    enum Allow implements Verdict {
        INSTANCE
    }

    /** The write is refused. @param reason why, for the caller */
    record Refuse(String reason) implements Verdict {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The write is limited to rows satisfying the condition. @param condition over the written expressions */
    record Require(Condition condition) implements Verdict {
        public Require {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
