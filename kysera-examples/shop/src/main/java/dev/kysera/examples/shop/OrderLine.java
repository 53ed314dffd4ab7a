package dev.kysera.examples.shop;

/** One line of an order: what was bought, how many, at what unit price (cents, at checkout). */
public record OrderLine(long productId, String name, int quantity, long unitPriceCents) {

    /** Quantity times unit price. */
    public long subtotalCents() {
        return quantity * unitPriceCents;
    }
}
