package dev.kysera.examples.shop;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An order's life: {@code pending → processing | cancelled}, {@code processing → shipped |
 * cancelled}, {@code shipped → delivered}; delivered and cancelled are final.
 */
public enum OrderStatus {
    /** Placed, not yet being prepared. */
    PENDING,
    /** Being prepared. */
    PROCESSING,
    /** Handed to the carrier. */
    SHIPPED,
    /** Received: final. */
    DELIVERED,
    /** Cancelled, stock returned: final. */
    CANCELLED;

    /** The statuses this one may become. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(PROCESSING, CANCELLED);
            case PROCESSING -> Set.of(SHIPPED, CANCELLED);
            case SHIPPED -> Set.of(DELIVERED);
            case DELIVERED, CANCELLED -> Set.of();
        };
    }

    /** The statuses that may become this one, in life-cycle order. */
    public List<OrderStatus> previous() {
        return Arrays.stream(values()).filter(status -> status.canBecome(this)).toList();
    }

    /** Whether this status may become {@code target}. */
    public boolean canBecome(OrderStatus target) {
        return next().contains(target);
    }

    /** The value stored in {@code orders.status}. */
    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The status stored as {@code value}.
     *
     * @throws IllegalArgumentException for a value that is no status
     */
    public static OrderStatus fromDb(String value) {
        return Arrays.stream(values()).filter(status -> status.dbValue().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an order status: " + value));
    }
}
