package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CART_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.INVENTORY_MOVEMENTS;
import static dev.kysera.examples.shop.schema.Tables.ORDERS;
import static dev.kysera.examples.shop.schema.Tables.ORDER_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;

/**
 * Customers racing for the last items: concurrent SERIALIZABLE checkouts, retried on conflicts,
 * never sell more than the stock, and every sale is an order item and a movement. Cancellations
 * racing on one order return its stock once. Bounded in time: every worker is awaited at most 120 s.
 */
class ConcurrentCheckoutTest {

    private static final int CUSTOMERS = 8;
    private static final int STOCK = 5;

    @MatrixTest
    void concurrent_checkouts_never_oversell(TestDatabase db) throws Exception {
        try (ShopApp app = ShopAppTest.start(db)) {
            AtomicInteger retries = new AtomicInteger();
            app.retry().retry().getEventPublisher().onRetry(event -> retries.incrementAndGet());
            ShopApp.Shop clerk = app.as("clerk");
            Category category = clerk.catalog().addCategory("limited", "Limited editions");
            Product scarce = clerk.catalog().addProduct(new NewProduct(category.id(), "LTD-1", "Limited print", 5_000, STOCK));
            Product plenty = clerk.catalog().addProduct(new NewProduct(category.id(), "PLT-1", "Poster", 1_000, 1_000));
            for (long customer = 1; customer <= CUSTOMERS; customer++) {
                clerk.carts().add(customer, plenty.id(), 1);
                clerk.carts().add(customer, scarce.id(), 1);
            }

            List<CheckoutResult> results = race(CUSTOMERS, customer -> app.as("customer-" + customer).checkout().checkout(customer));

            List<Long> placed = results.stream().filter(CheckoutResult.Placed.class::isInstance)
                    .map(r -> ((CheckoutResult.Placed) r).order().customerId()).toList();
            assertThat(placed).as("exactly the stock was sold").hasSize(STOCK);
            assertThat(results.stream().filter(r -> !(r instanceof CheckoutResult.Placed)))
                    .as("everyone else was told it is sold out").hasSize(CUSTOMERS - STOCK)
                    .allSatisfy(r -> assertThat(r).isEqualTo(new CheckoutResult.OutOfStock(scarce.id(), 1, 0)));
            assertThat(ShopAppTest.stock(db, scarce.id())).isZero();
            assertThat(ShopAppTest.stock(db, plenty.id())).as("losers' other lines were rolled back").isEqualTo(1_000 - STOCK);
            assertThat(db.dsl().fetchCount(ORDERS)).isEqualTo(STOCK);
            assertThat(db.dsl().select(DSL.sum(ORDER_ITEMS.QUANTITY)).from(ORDER_ITEMS).where(ORDER_ITEMS.PRODUCT_ID.eq(scarce.id()))
                    .fetchOne().value1().intValue()).isEqualTo(STOCK);
            assertThat(clerk.catalog().movementTotal(scarce.id())).as("restock minus sales").isZero();
            assertThat(db.dsl().fetchCount(INVENTORY_MOVEMENTS, INVENTORY_MOVEMENTS.REASON.eq("sale"))).isEqualTo(2 * STOCK);
            assertThat(db.dsl().fetchCount(CART_ITEMS)).as("winners' carts are empty, losers' intact").isEqualTo(2 * (CUSTOMERS - STOCK));
            assertThat(db.dsl().fetchCount(CART_ITEMS, CART_ITEMS.CUSTOMER_ID.in(placed))).isZero();
            assertThat(clerk.catalog().history(scarce.id())).as("one audited stock change per sale, plus the creation")
                    .hasSize(1 + STOCK);
            System.out.println(db.engine() + ": " + retries.get() + " checkout attempts were retried");
        }
    }

    @MatrixTest
    void racing_cancellations_cancel_once_and_return_the_stock_once(TestDatabase db) throws Exception {
        try (ShopApp app = ShopAppTest.start(db)) {
            ShopApp.Shop clerk = app.as("clerk");
            Category category = clerk.catalog().addCategory("misc", "Misc");
            Product product = clerk.catalog().addProduct(new NewProduct(category.id(), "MSC-1", "Mug", 900, 10));
            Order order = ShopAppTest.placeOrder(clerk, 1, product, 4);

            List<String> outcomes = race(4, clerkNo -> {
                try {
                    return app.as("clerk-" + clerkNo).orders().cancel(order.id()).status().name();
                } catch (InvalidStatusTransitionException e) {
                    return "refused from " + e.from();
                }
            });
            assertThat(outcomes).containsExactlyInAnyOrder("CANCELLED", "refused from CANCELLED", "refused from CANCELLED", "refused from CANCELLED");
            assertThat(ShopAppTest.stock(db, product.id())).isEqualTo(10);
            assertThat(db.dsl().fetchCount(INVENTORY_MOVEMENTS, INVENTORY_MOVEMENTS.REASON.eq("cancellation"))).isEqualTo(1);
        }
    }

    /**
     * A clerk starts processing while another cancels: whichever goes first, the order ends cancelled
     * and its stock comes back once — a cancellation that finds the order processing moves on from there.
     */
    @MatrixTest
    void a_cancellation_racing_the_start_of_processing_cancels_once_from_whichever_status_it_finds(TestDatabase db) throws Exception {
        try (ShopApp app = ShopAppTest.start(db)) {
            ShopApp.Shop clerk = app.as("clerk");
            Category category = clerk.catalog().addCategory("misc", "Misc");
            Product product = clerk.catalog().addProduct(new NewProduct(category.id(), "MSC-1", "Mug", 900, 10));
            for (int round = 0; round < 5; round++) {
                Order order = ShopAppTest.placeOrder(clerk, 1, product, 2);
                List<String> outcomes = race(2, clerkNo -> {
                    try {
                        ShopApp.Shop shop = app.as("clerk-" + clerkNo);
                        return (clerkNo == 1 ? shop.orders().startProcessing(order.id()) : shop.orders().cancel(order.id())).status().name();
                    } catch (InvalidStatusTransitionException e) {
                        return "refused from " + e.from();
                    }
                });
                assertThat(outcomes).isIn(List.of("PROCESSING", "CANCELLED"), List.of("refused from CANCELLED", "CANCELLED"));
                assertThat(clerk.orders().find(order.id())).map(Order::status).contains(OrderStatus.CANCELLED);
            }
            assertThat(ShopAppTest.stock(db, product.id())).isEqualTo(10);
            assertThat(db.dsl().fetchCount(INVENTORY_MOVEMENTS, INVENTORY_MOVEMENTS.REASON.eq("cancellation"))).isEqualTo(5);
        }
    }

    @MatrixTest
    void concurrent_adds_to_one_cart_line_lose_none(TestDatabase db) throws Exception {
        try (ShopApp app = ShopAppTest.start(db)) {
            ShopApp.Shop clerk = app.as("clerk");
            Category category = clerk.catalog().addCategory("misc", "Misc");
            Product product = clerk.catalog().addProduct(new NewProduct(category.id(), "MSC-1", "Mug", 900, 10));

            race(6, tab -> app.as("customer-1").carts().add(1, product.id(), 2));

            assertThat(clerk.carts().view(1).lines()).containsExactly(new OrderLine(product.id(), "Mug", 12, 900));
            assertThat(db.dsl().fetchCount(CART_ITEMS)).isEqualTo(1);
        }
    }

    /** Runs {@code task(1..n)} on n threads released together; each is awaited at most 120 s. */
    private static <T> List<T> race(int n, Task<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (long i = 1; i <= n; i++) {
                long id = i;
                Callable<T> call = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.run(id);
                };
                futures.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(long id) throws Exception;
    }
}
