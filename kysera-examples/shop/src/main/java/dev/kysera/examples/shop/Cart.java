package dev.kysera.examples.shop;

import java.util.List;

/**
 * A customer's cart, priced from the catalog as it is now (never from the client).
 *
 * @param lines one per product, with the current unit price
 */
public record Cart(long customerId, List<OrderLine> lines) {

    /** Creates a cart; the lines are copied. */
    public Cart {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines' subtotals, in cents. */
    public long totalCents() {
        return lines.stream().mapToLong(OrderLine::subtotalCents).sum();
    }
}
