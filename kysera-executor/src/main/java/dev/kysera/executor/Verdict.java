package dev.kysera.executor;

import java.util.Objects;
import org.jooq.Condition;

/**
 * What a {@link WriteRule} decides about a write. A refusal fails the statement with
 * {@link dev.kysera.core.error.AccessDeniedException} (naming the plugin, table, operation and
 * reason) when it executes, before anything is sent.
 */
public sealed interface Verdict {

    /**
     * The write may run as it is.
     *
     * @return the shared allowing verdict
     */
    static Verdict allow() {
        return Allow.INSTANCE;
    }

    /**
     * The write must not run.
     *
     * @param reason why, told to the caller in the {@code AccessDeniedException}
     * @return a refusing verdict
     * @throws NullPointerException if {@code reason} is null
     */
    static Verdict refuse(String reason) {
        return new Refuse(reason);
    }

    /**
     * The write may run for rows that satisfy {@code condition}, evaluated by the database: added
     * to an UPDATE's WHERE, an INSERT … SELECT's WHERE or an upsert's {@code DO UPDATE … WHERE}.
     * Where SQL cannot carry it (INSERT … VALUES, values bound per batch row) the statement is refused.
     *
     * @param condition over the written expressions ({@link dev.kysera.executor.plan.WrittenValue.Computed#expression()})
     * @return a verdict enforced in SQL
     * @throws NullPointerException if {@code condition} is null
     */
    static Verdict require(Condition condition) {
        return new Require(condition);
    }

    /** The write may run as it is. */
    enum Allow implements Verdict {
        /** The only instance. */
        INSTANCE
    }

    /**
     * The write is refused.
     *
     * @param reason why, for the caller
     */
    record Refuse(String reason) implements Verdict {
        /**
         * Validates the verdict.
         *
         * @throws NullPointerException if {@code reason} is null
         */
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The write is limited to rows satisfying the condition.
     *
     * @param condition over the written expressions
     */
    record Require(Condition condition) implements Verdict {
        /**
         * Validates the verdict.
         *
         * @throws NullPointerException if {@code condition} is null
         */
        public Require {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
