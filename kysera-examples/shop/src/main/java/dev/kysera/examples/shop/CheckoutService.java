package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.INVENTORY_MOVEMENTS;
import static dev.kysera.examples.shop.schema.Tables.ORDERS;
import static dev.kysera.examples.shop.schema.Tables.ORDER_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.Isolation;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Checkout: one SERIALIZABLE transaction that writes the order and its items, takes the stock with
 * a guarded update per product, records the inventory movements and empties the cart — all of it,
 * or nothing. A transaction that loses a serialization conflict or a deadlock is retried as a
 * whole by the shop's retry (kysera-infra).
 */
public final class CheckoutService {

    private final Executor executor;
    private final Repository<Order, Long, Values, Values> orders;

    CheckoutService(Executor executor, Repository<Order, Long, Values, Values> orders) {
        this.executor = executor;
        this.orders = orders;
    }

    /**
     * Places an order for the customer's cart at the catalog's current prices.
     *
     * @return {@link CheckoutResult.Placed}, or why nothing was written
     * @throws dev.kysera.core.error.TransientDatabaseException if conflicts outlasted the retries
     */
    public CheckoutResult checkout(long customerId) {
        try {
            return executor.transactionResult(tx -> place(tx, customerId), Isolation.SERIALIZABLE);
        } catch (OutOfStock outOfStock) {
            return outOfStock.result;
        }
    }

    private CheckoutResult place(Executor tx, long customerId) {
        DSLContext dsl = tx.dsl();
        Cart cart = CartService.read(dsl, customerId);
        if (cart.lines().isEmpty()) {
            return new CheckoutResult.EmptyCart(customerId);
        }
        Order order = orders.with(tx).create(Values.of(ORDERS.CUSTOMER_ID, customerId).set(ORDERS.STATUS, OrderStatus.PENDING.dbValue())
                .set(ORDERS.TOTAL_CENTS, cart.totalCents()));
        InsertValuesStep4<? extends Record, Long, Long, Integer, Long> items =
                dsl.insertInto(ORDER_ITEMS, ORDER_ITEMS.ORDER_ID, ORDER_ITEMS.PRODUCT_ID, ORDER_ITEMS.QUANTITY, ORDER_ITEMS.UNIT_PRICE_CENTS);
        InsertValuesStep4<? extends Record, Long, Integer, String, Long> movements = dsl.insertInto(INVENTORY_MOVEMENTS,
                INVENTORY_MOVEMENTS.PRODUCT_ID, INVENTORY_MOVEMENTS.QUANTITY_CHANGE, INVENTORY_MOVEMENTS.REASON, INVENTORY_MOVEMENTS.ORDER_ID);
        for (OrderLine line : cart.lines()) {
            takeStock(dsl, line);
            items = items.values(order.id(), line.productId(), line.quantity(), line.unitPriceCents());
            movements = movements.values(line.productId(), -line.quantity(), "sale", order.id());
        }
        items.execute();
        movements.execute();
        CartService.clear(dsl, customerId);
        return new CheckoutResult.Placed(order);
    }

    /** The guarded update: the database decides, under the row's lock, whether the stock suffices. */
    private static void takeStock(DSLContext dsl, OrderLine line) {
        int updated = dsl.update(PRODUCTS).set(PRODUCTS.STOCK, PRODUCTS.STOCK.minus(line.quantity()))
                .where(PRODUCTS.ID.eq(line.productId()), PRODUCTS.STOCK.ge(line.quantity()), PRODUCTS.ACTIVE.isTrue())
                .execute();
        if (updated == 0) {
            Integer available = dsl.select(DSL.when(PRODUCTS.ACTIVE.isTrue(), PRODUCTS.STOCK).otherwise(0))
                    .from(PRODUCTS).where(PRODUCTS.ID.eq(line.productId())).fetchOne().value1();
            throw new OutOfStock(new CheckoutResult.OutOfStock(line.productId(), line.quantity(), available));
        }
    }

    /** Rolls the checkout's transaction back; carries the result out of it. Never retried (not transient). */
    private static final class OutOfStock extends RuntimeException {

        private final transient CheckoutResult.OutOfStock result;

        OutOfStock(CheckoutResult.OutOfStock result) {
            super("product " + result.productId() + ": " + result.requested() + " requested, " + result.available() + " available", null, false, false);
            this.result = result;
        }
    }
}
