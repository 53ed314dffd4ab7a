package dev.kysera.examples.shop;

/** What a checkout did: placed an order, or nothing (the cart is then unchanged). */
public sealed interface CheckoutResult {

    /** The order was placed: items written, stock taken, movements recorded, cart emptied. */
    record Placed(Order order) implements CheckoutResult {
    }

    /** The cart was empty. */
    record EmptyCart(long customerId) implements CheckoutResult {
    }

    /** A product had less stock than the cart asked for (or was withdrawn): nothing was written. */
    record OutOfStock(long productId, int requested, int available) implements CheckoutResult {
    }
}
