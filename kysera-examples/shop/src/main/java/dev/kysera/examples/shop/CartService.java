package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CART_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.executor.Executor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Customers' carts: quantities only; prices always come from the catalog. */
public final class CartService {

    /** The most of one product a cart line may hold. */
    public static final int MAX_QUANTITY = 99;

    private final Executor executor;

    CartService(Executor executor) {
        this.executor = executor;
    }

    /**
     * Adds a quantity of a product to a cart, in one statement (an upsert that increments an
     * existing line, so concurrent adds never lose one).
     *
     * @throws BadRequestException unless the quantity is 1 to {@value #MAX_QUANTITY}
     * @throws dev.kysera.core.error.ForeignKeyException if the product does not exist
     */
    public Cart add(long customerId, long productId, int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new BadRequestException("quantity must be 1 to " + MAX_QUANTITY + ", was " + quantity);
        }
        executor.dsl().insertInto(CART_ITEMS, CART_ITEMS.CUSTOMER_ID, CART_ITEMS.PRODUCT_ID, CART_ITEMS.QUANTITY)
                .values(customerId, productId, quantity)
                .onConflict(CART_ITEMS.CUSTOMER_ID, CART_ITEMS.PRODUCT_ID)
                .doUpdate().set(CART_ITEMS.QUANTITY, CART_ITEMS.QUANTITY.plus(DSL.excluded(CART_ITEMS.QUANTITY)))
                .execute();
        return view(customerId);
    }

    /** Removes a product from a cart; returns the cart. */
    public Cart remove(long customerId, long productId) {
        executor.dsl().deleteFrom(CART_ITEMS).where(CART_ITEMS.CUSTOMER_ID.eq(customerId), CART_ITEMS.PRODUCT_ID.eq(productId)).execute();
        return view(customerId);
    }

    /** A cart priced from the catalog as it is now, lines by product id. */
    public Cart view(long customerId) {
        return read(executor.dsl(), customerId);
    }

    static Cart read(DSLContext dsl, long customerId) {
        return new Cart(customerId, dsl.select(CART_ITEMS.PRODUCT_ID, PRODUCTS.NAME, CART_ITEMS.QUANTITY, PRODUCTS.PRICE_CENTS)
                .from(CART_ITEMS).join(PRODUCTS).on(PRODUCTS.ID.eq(CART_ITEMS.PRODUCT_ID))
                .where(CART_ITEMS.CUSTOMER_ID.eq(customerId))
                // Checkout updates products in this order, so concurrent checkouts lock rows alike.
                .orderBy(CART_ITEMS.PRODUCT_ID)
                .fetch(row -> new OrderLine(row.value1(), row.value2(), row.value3(), row.value4())));
    }

    static void clear(DSLContext dsl, long customerId) {
        dsl.deleteFrom(CART_ITEMS).where(CART_ITEMS.CUSTOMER_ID.eq(customerId)).execute();
    }
}
