package dev.kysera.examples.shop;

import dev.kysera.core.error.KyseraException;

/**
 * An order's status changed while a transition was deciding (code {@code ORDER_STATUS_CONFLICT}).
 * Transient: the shop's retry runs the whole transition again on a fresh snapshot.
 */
public final class OrderStatusConflictException extends KyseraException {

    private final long orderId;

    /** The order whose status moved. */
    public OrderStatusConflictException(long orderId) {
        super("ORDER_STATUS_CONFLICT", "order " + orderId + " changed status concurrently");
        this.orderId = orderId;
    }

    /** The order. */
    public long orderId() {
        return orderId;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
