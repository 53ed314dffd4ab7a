package dev.kysera.executor.internal;

import org.jooq.impl.QOM;

/**
 * Which sides of a join are optional, i.e. may be missing from a result row. Conditions on an
 * optional side belong in the join's ON clause; conditions on a preserved side in WHERE.
 */
enum JoinSide {
    INNER(false, false),
    LEFT(false, true),
    RIGHT(true, false),
    FULL(true, true);

    private final boolean leftOptional;
    private final boolean rightOptional;

    JoinSide(boolean leftOptional, boolean rightOptional) {
        this.leftOptional = leftOptional;
        this.rightOptional = rightOptional;
    }

    boolean leftOptional() {
        return leftOptional;
    }

    boolean rightOptional() {
        return rightOptional;
    }

    /** Semi and anti joins test the right side inside an EXISTS: its conditions also go to ON. */
    static JoinSide of(QOM.JoinTable<?, ?> join) {
        return switch (join) {
            case QOM.LeftJoin<?> j -> LEFT;
            case QOM.NaturalLeftJoin<?> j -> LEFT;
            case QOM.LeftSemiJoin<?> j -> LEFT;
            case QOM.LeftAntiJoin<?> j -> LEFT;
            case QOM.OuterApply<?> j -> LEFT;
            case QOM.RightJoin<?> j -> RIGHT;
            case QOM.NaturalRightJoin<?> j -> RIGHT;
            case QOM.FullJoin<?> j -> FULL;
            case QOM.NaturalFullJoin<?> j -> FULL;
            default -> INNER;
        };
    }
}
