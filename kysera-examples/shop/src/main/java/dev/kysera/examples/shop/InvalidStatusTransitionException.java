package dev.kysera.examples.shop;

import dev.kysera.core.error.KyseraException;

/** An order cannot move from its current status to the one asked for (code {@code INVALID_STATUS_TRANSITION}). */
public final class InvalidStatusTransitionException extends KyseraException {

    private final long orderId;
    private final OrderStatus from;
    private final OrderStatus to;

    /** The order, its status as it is, and the refused target. */
    public InvalidStatusTransitionException(long orderId, OrderStatus from, OrderStatus to) {
        super("INVALID_STATUS_TRANSITION", "order " + orderId + " is " + from.dbValue() + " and cannot become " + to.dbValue());
        this.orderId = orderId;
        this.from = from;
        this.to = to;
    }

    /** The order. */
    public long orderId() {
        return orderId;
    }

    /** Its status when the transition was refused. */
    public OrderStatus from() {
        return from;
    }

    /** The refused target. */
    public OrderStatus to() {
        return to;
    }
}
