package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.ORDERS;
import static dev.kysera.examples.shop.schema.Tables.ORDER_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.TransitionResult;
import dev.kysera.repository.Values;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Orders after checkout: the state machine of {@link OrderStatus}, each step an atomic
 * compare-and-set on {@code orders.status} (two clerks cancelling the same order cancel it once),
 * and cancellation returning the stock in the same transaction.
 */
public final class OrderService {

    private final Executor executor;
    private final Repository<Order, Long, Values, Values> orders;

    OrderService(Executor executor, Repository<Order, Long, Values, Values> orders) {
        this.executor = executor;
        this.orders = orders;
    }

    /** An order by id. */
    public Optional<Order> find(long orderId) {
        return orders.findById(orderId);
    }

    /** A customer's orders, newest first. */
    public List<Order> history(long customerId) {
        return orders.findMany(ORDERS.CUSTOMER_ID.eq(customerId), ORDERS.ID.desc());
    }

    /** An order's lines with the prices paid, by product id. */
    public List<OrderLine> lines(long orderId) {
        return lines(executor.dsl(), orderId);
    }

    private static List<OrderLine> lines(DSLContext dsl, long orderId) {
        return dsl.select(ORDER_ITEMS.PRODUCT_ID, PRODUCTS.NAME, ORDER_ITEMS.QUANTITY, ORDER_ITEMS.UNIT_PRICE_CENTS)
                .from(ORDER_ITEMS).join(PRODUCTS).on(PRODUCTS.ID.eq(ORDER_ITEMS.PRODUCT_ID))
                .where(ORDER_ITEMS.ORDER_ID.eq(orderId))
                .orderBy(ORDER_ITEMS.PRODUCT_ID)
                .fetch(row -> new OrderLine(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    /**
     * Moves an order to {@code target}, atomically; cancelling returns its stock (recorded as
     * movements) in the same transaction.
     *
     * @throws InvalidStatusTransitionException if the order's status (as last committed) cannot become {@code target}
     * @throws NotFoundException if the order is unknown
     */
    public Order moveTo(long orderId, OrderStatus target) {
        return executor.transactionResult(tx -> {
            Repository<Order, Long, Values, Values> bound = orders.with(tx);
            OrderStatus from = target.previous().stream().findFirst()
                    .orElseThrow(() -> new InvalidStatusTransitionException(orderId, status(bound, orderId), target));
            TransitionResult<Order> result = bound.transition(orderId, ORDERS.STATUS, from.dbValue(), target.dbValue());
            if (result instanceof TransitionResult.Rejected<Order>(Order current) && current.status().canBecome(target)) {
                // the rejected order is locked as reported until this transaction ends: from its status the move applies
                result = bound.transition(orderId, ORDERS.STATUS, current.status().dbValue(), target.dbValue());
            }
            return switch (result) {
                case TransitionResult.Applied<Order>(Order moved) -> {
                    if (target == OrderStatus.CANCELLED) {
                        returnStock(tx, orderId);
                    }
                    yield moved;
                }
                case TransitionResult.Rejected<Order>(Order current) -> throw new InvalidStatusTransitionException(orderId, current.status(), target);
                case TransitionResult.NotFound<Order> missing -> throw new NotFoundException("orders", orderId);
            };
        });
    }

    private static OrderStatus status(Repository<Order, Long, Values, Values> orders, long orderId) {
        return orders.findById(orderId).orElseThrow(() -> new NotFoundException("orders", orderId)).status();
    }

    /** {@code moveTo(orderId, PROCESSING)}. */
    public Order startProcessing(long orderId) {
        return moveTo(orderId, OrderStatus.PROCESSING);
    }

    /** {@code moveTo(orderId, SHIPPED)}. */
    public Order ship(long orderId) {
        return moveTo(orderId, OrderStatus.SHIPPED);
    }

    /** {@code moveTo(orderId, DELIVERED)}. */
    public Order deliver(long orderId) {
        return moveTo(orderId, OrderStatus.DELIVERED);
    }

    /** {@code moveTo(orderId, CANCELLED)}: the stock goes back. */
    public Order cancel(long orderId) {
        return moveTo(orderId, OrderStatus.CANCELLED);
    }

    private static void returnStock(Executor tx, long orderId) {
        for (OrderLine line : lines(tx.dsl(), orderId)) {
            tx.dsl().update(PRODUCTS).set(PRODUCTS.STOCK, PRODUCTS.STOCK.plus(line.quantity())).where(PRODUCTS.ID.eq(line.productId())).execute();
            CatalogService.recordMovement(tx.dsl(), line.productId(), line.quantity(), "cancellation", orderId);
        }
    }
}
