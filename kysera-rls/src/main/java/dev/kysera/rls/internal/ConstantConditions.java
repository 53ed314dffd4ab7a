package dev.kysera.rls.internal;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Folds conditions made only of {@code TRUE}, {@code FALSE}, {@code AND}, {@code OR} and
 * {@code NOT} — what context-only helpers such as {@code hasRole(a).or(hasRole(b))} build — into
 * their truth value, with SQL's short-circuit rules ({@code TRUE OR x} is true, {@code FALSE AND x}
 * is false, whatever {@code x} is).
 */
final class ConstantConditions {

    /** The result of folding: decided either way, or depending on something else (row values). */
    enum Truth { TRUE, FALSE, UNKNOWN }

    private ConstantConditions() {
    }

    static Truth truth(Condition condition) {
        if (condition instanceof QOM.True || condition == DSL.noCondition()) {
            return Truth.TRUE;
        }
        if (condition instanceof QOM.False) {
            return Truth.FALSE;
        }
        return switch (condition) {
            case QOM.And and -> and(truth(and.$arg1()), truth(and.$arg2()));
            case QOM.Or or -> not(and(not(truth(or.$arg1())), not(truth(or.$arg2()))));
            case QOM.Not not -> not(truth(not.$arg1()));
            default -> Truth.UNKNOWN;
        };
    }

    private static Truth and(Truth left, Truth right) {
        if (left == Truth.FALSE || right == Truth.FALSE) {
            return Truth.FALSE;
        }
        return left == Truth.TRUE && right == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
    }

    private static Truth not(Truth truth) {
        return switch (truth) {
            case TRUE -> Truth.FALSE;
            case FALSE -> Truth.TRUE;
            case UNKNOWN -> Truth.UNKNOWN;
        };
    }
}
