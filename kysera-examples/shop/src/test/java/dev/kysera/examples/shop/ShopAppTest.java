package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CART_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.INVENTORY_MOVEMENTS;
import static dev.kysera.examples.shop.schema.Tables.ORDERS;
import static dev.kysera.examples.shop.schema.Tables.ORDER_ITEMS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditOperation;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.infra.RetryOptions;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The shop end to end on SQLite, H2, PostgreSQL and MariaDB: catalog tree, cart, checkout in one
 * transaction, the order state machine and the audit of prices and stock, checked against the
 * tables. Timestamps come from a fixed clock, so they are asserted exactly.
 */
class ShopAppTest {

    static final RetryOptions RETRY = RetryOptions.builder().maxAttempts(50).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(100)).maxElapsed(Duration.ofSeconds(60)).build();

    static final LocalDateTime NOW = LocalDateTime.of(2026, 5, 6, 7, 8, 9);

    static ShopApp start(TestDatabase db) {
        ShopApp app = ShopApp.start(db.dataSource(), db.dialect(), RETRY, Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        db.deleteAllRows(List.of("categories", "products", "cart_items", "orders", "order_items", "inventory_movements"));
        db.deleteAllRows(List.of(ShopApp.AUDIT_TABLE));
        return app;
    }

    /** electronics > computers > laptops, electronics > phones, books; a laptop, a phone, a book. */
    static List<Product> catalog(ShopApp.Shop shop) {
        CatalogService catalog = shop.catalog();
        Category electronics = catalog.addCategory("electronics", "Electronics");
        catalog.addCategory("electronics", "computers", "Computers");
        Category laptops = catalog.addCategory("computers", "laptops", "Laptops");
        Category phones = catalog.addCategory("electronics", "phones", "Phones");
        Category books = catalog.addCategory("books", "Books");
        assertThat(laptops.parentId()).isNotEqualTo(electronics.id()).isPositive();
        return List.of(
                catalog.addProduct(new NewProduct(laptops.id(), "LAP-1", "Light laptop", 99_900, 5)),
                catalog.addProduct(new NewProduct(phones.id(), "PHO-1", "Small phone", 49_900, 10)),
                catalog.addProduct(new NewProduct(books.id(), "BOO-1", "jOOQ in practice", 3_900, 2)));
    }

    @MatrixTest
    void the_catalog_tree_search_and_the_audit_of_prices_and_stock(TestDatabase db) {
        try (ShopApp app = start(db)) {
            ShopApp.Shop clerk = app.as("clerk");
            List<Product> products = catalog(clerk);
            Product laptop = products.get(0);
            CatalogService catalog = clerk.catalog();

            assertThat(catalog.subtree("electronics")).extracting(Category::slug).containsExactly("electronics", "computers", "laptops", "phones");
            assertThat(catalog.subtree("computers")).extracting(Category::slug).containsExactly("computers", "laptops");
            assertThat(catalog.search("electronics", "", 10)).extracting(Product::name).containsExactly("Light laptop", "Small phone");
            assertThat(catalog.search("electronics", "LAPTOP", 10)).extracting(Product::sku).containsExactly("LAP-1");
            assertThat(catalog.search("books", null, 10)).extracting(Product::sku).containsExactly("BOO-1");

            assertThat(catalog.changePrice(laptop.id(), 89_900).priceCents()).isEqualTo(89_900);
            assertThat(app.as("warehouse").catalog().restock(laptop.id(), 3).stock()).isEqualTo(8);
            catalog.withdraw(laptop.id());
            assertThat(catalog.search("electronics", "", 10)).extracting(Product::sku).containsExactly("PHO-1");

            List<AuditEntry> history = catalog.history(laptop.id());
            assertThat(history).extracting(AuditEntry::operation)
                    .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.UPDATE, AuditOperation.UPDATE);
            assertThat(history).extracting(AuditEntry::changedBy).containsExactly("clerk", "clerk", "warehouse", "clerk");
            assertThat(history.get(1).changedColumns()).contains("price_cents").doesNotContain("stock");
            assertThat(history.get(1).oldValues()).containsEntry("price_cents", 99_900L);
            assertThat(history.get(1).newValues()).containsEntry("price_cents", 89_900L);
            assertThat(history.get(2).changedColumns()).contains("stock").doesNotContain("price_cents");
            assertThat(history.get(2).newValues()).containsEntry("stock", 8L);
            assertThat(catalog.movementTotal(laptop.id())).as("movements add up to the stock").isEqualTo(8);

            assertThatThrownBy(() -> catalog.addCategory("nope", "x", "X")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> catalog.addCategory("books", "Books again")).isInstanceOf(UniqueConstraintException.class);
            assertThatThrownBy(() -> catalog.addCategory("Bad Slug", "Bad")).isInstanceOf(BadRequestException.class).hasMessageContaining("'Bad Slug'");
            assertThatThrownBy(() -> catalog.addCategory("books", "kids", " ")).isInstanceOf(BadRequestException.class);
            assertThat(catalog.subtree("books")).as("refused categories were not written").extracting(Category::slug).containsExactly("books");
            assertThatThrownBy(() -> catalog.addProduct(new NewProduct(laptop.categoryId(), "LAP-1", "Clone", 1, 1)))
                    .isInstanceOf(UniqueConstraintException.class);
            assertThatThrownBy(() -> catalog.addProduct(new NewProduct(laptop.categoryId(), " ", "", -1, -1)))
                    .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.getMessage()).contains("4 violations"));
            assertThatThrownBy(() -> catalog.changePrice(laptop.id(), -1)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> catalog.restock(laptop.id(), 0)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> catalog.restock(999_999L, 1)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> catalog.search("books", "", 0)).isInstanceOf(BadRequestException.class);
            assertThat(catalog.history(laptop.id())).as("refused writes leave no history").hasSize(4);
            assertThat(db.dsl().fetchCount(PRODUCTS)).isEqualTo(3);
        }
    }

    @MatrixTest
    void checkout_writes_order_items_stock_movements_and_clears_the_cart_in_one_transaction(TestDatabase db) {
        try (ShopApp app = start(db)) {
            List<Product> products = catalog(app.as("clerk"));
            Product laptop = products.get(0);
            Product book = products.get(2);
            ShopApp.Shop customer = app.as("customer-7");
            customer.carts().add(7, laptop.id(), 1);
            customer.carts().add(7, book.id(), 1);
            Cart cart = customer.carts().add(7, book.id(), 1);
            assertThat(cart.lines()).containsExactly(new OrderLine(laptop.id(), "Light laptop", 1, 99_900), new OrderLine(book.id(), "jOOQ in practice", 2, 3_900));
            assertThat(cart.totalCents()).isEqualTo(107_700);
            assertThatThrownBy(() -> customer.carts().add(7, book.id(), 0)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> customer.carts().add(7, book.id(), 100)).isInstanceOf(BadRequestException.class);

            CheckoutResult result = customer.checkout().checkout(7);
            assertThat(result).isInstanceOf(CheckoutResult.Placed.class);
            Order order = ((CheckoutResult.Placed) result).order();
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.totalCents()).isEqualTo(107_700);
            assertThat(order.createdAt()).as("stamped by the timestamps plugin").isEqualTo(NOW);

            assertThat(customer.orders().lines(order.id())).containsExactly(new OrderLine(laptop.id(), "Light laptop", 1, 99_900),
                    new OrderLine(book.id(), "jOOQ in practice", 2, 3_900));
            assertThat(db.dsl().fetchCount(ORDER_ITEMS)).isEqualTo(2);
            assertThat(stock(db, laptop.id())).isEqualTo(4);
            assertThat(stock(db, book.id())).isZero();
            assertThat(db.dsl().select(INVENTORY_MOVEMENTS.PRODUCT_ID, INVENTORY_MOVEMENTS.QUANTITY_CHANGE, INVENTORY_MOVEMENTS.ORDER_ID)
                    .from(INVENTORY_MOVEMENTS).where(INVENTORY_MOVEMENTS.REASON.eq("sale")).orderBy(INVENTORY_MOVEMENTS.PRODUCT_ID).fetch()
                    .map(r -> List.of(r.value1(), (long) r.value2(), r.value3())))
                    .containsExactly(List.of(laptop.id(), -1L, order.id()), List.of(book.id(), -2L, order.id()));
            assertThat(db.dsl().fetchCount(CART_ITEMS)).as("the cart is empty").isZero();
            assertThat(customer.orders().history(7)).containsExactly(order);
            assertThat(app.as("clerk").catalog().history(book.id())).last()
                    .satisfies(entry -> {
                        assertThat(entry.changedBy()).isEqualTo("customer-7");
                        assertThat(entry.newValues()).containsEntry("stock", 0L);
                    });
            assertThat(customer.checkout().checkout(7)).isEqualTo(new CheckoutResult.EmptyCart(7));
        }
    }

    @MatrixTest
    void a_checkout_that_cannot_be_served_writes_nothing(TestDatabase db) {
        try (ShopApp app = start(db)) {
            List<Product> products = catalog(app.as("clerk"));
            Product laptop = products.get(0);
            Product book = products.get(2);
            ShopApp.Shop customer = app.as("customer-8");
            customer.carts().add(8, laptop.id(), 2);
            customer.carts().add(8, book.id(), 3);
            Result<Record> productsBefore = db.dsl().select().from(PRODUCTS).orderBy(PRODUCTS.ID).fetch();
            Result<Record> cartBefore = db.dsl().select().from(CART_ITEMS).orderBy(CART_ITEMS.PRODUCT_ID).fetch();
            int historyBefore = app.as("clerk").catalog().history(laptop.id()).size();
            int movementsBefore = db.dsl().fetchCount(INVENTORY_MOVEMENTS);

            assertThat(customer.checkout().checkout(8)).isEqualTo(new CheckoutResult.OutOfStock(book.id(), 3, 2));
            assertThat(db.dsl().select().from(PRODUCTS).orderBy(PRODUCTS.ID).fetch()).as("the laptop's stock was given back").isEqualTo(productsBefore);
            assertThat(db.dsl().select().from(CART_ITEMS).orderBy(CART_ITEMS.PRODUCT_ID).fetch()).isEqualTo(cartBefore);
            assertThat(db.dsl().fetchCount(ORDERS)).isZero();
            assertThat(db.dsl().fetchCount(ORDER_ITEMS)).isZero();
            assertThat(db.dsl().fetchCount(INVENTORY_MOVEMENTS)).isEqualTo(movementsBefore);
            assertThat(app.as("clerk").catalog().history(laptop.id())).as("a rolled-back change has no history").hasSize(historyBefore);

            customer.carts().remove(8, book.id());
            app.as("clerk").catalog().withdraw(laptop.id());
            assertThat(customer.checkout().checkout(8)).isEqualTo(new CheckoutResult.OutOfStock(laptop.id(), 2, 0));
            assertThat(db.dsl().fetchCount(ORDERS)).isZero();
        }
    }

    @MatrixTest
    void orders_move_through_the_state_machine_and_cancelling_returns_the_stock(TestDatabase db) {
        try (ShopApp app = start(db)) {
            List<Product> products = catalog(app.as("clerk"));
            Product phone = products.get(1);
            ShopApp.Shop shop = app.as("clerk");
            long delivered = placeOrder(shop, 1, phone, 2).id();
            long cancelled = placeOrder(shop, 2, phone, 3).id();
            assertThat(stock(db, phone.id())).isEqualTo(5);

            OrderService orders = shop.orders();
            assertThat(orders.startProcessing(delivered).status()).isEqualTo(OrderStatus.PROCESSING);
            assertThat(orders.ship(delivered).status()).isEqualTo(OrderStatus.SHIPPED);
            assertThatThrownBy(() -> orders.cancel(delivered)).isInstanceOfSatisfying(InvalidStatusTransitionException.class, e -> {
                assertThat(e.from()).isEqualTo(OrderStatus.SHIPPED);
                assertThat(e.to()).isEqualTo(OrderStatus.CANCELLED);
                assertThat(e.code()).isEqualTo("INVALID_STATUS_TRANSITION");
            });
            assertThat(orders.deliver(delivered).status()).isEqualTo(OrderStatus.DELIVERED);
            assertThatThrownBy(() -> orders.moveTo(delivered, OrderStatus.PENDING)).isInstanceOf(InvalidStatusTransitionException.class);

            assertThat(orders.startProcessing(cancelled).status()).isEqualTo(OrderStatus.PROCESSING);
            assertThat(orders.cancel(cancelled).status()).as("cancelled from processing").isEqualTo(OrderStatus.CANCELLED);
            assertThat(stock(db, phone.id())).as("the cancelled order's stock is back").isEqualTo(8);
            assertThat(shop.catalog().movementTotal(phone.id())).isEqualTo(8);
            assertThatThrownBy(() -> orders.cancel(cancelled)).isInstanceOf(InvalidStatusTransitionException.class);
            assertThat(stock(db, phone.id())).as("cancelling twice returns nothing twice").isEqualTo(8);
            assertThatThrownBy(() -> orders.ship(999_999L)).isInstanceOf(NotFoundException.class);
            assertThat(db.dsl().select(ORDERS.STATUS).from(ORDERS).orderBy(ORDERS.ID).fetch(ORDERS.STATUS)).containsExactly("delivered", "cancelled");
        }
    }

    static Order placeOrder(ShopApp.Shop shop, long customer, Product product, int quantity) {
        shop.carts().add(customer, product.id(), quantity);
        return ((CheckoutResult.Placed) shop.checkout().checkout(customer)).order();
    }

    static int stock(TestDatabase db, long productId) {
        return db.dsl().select(PRODUCTS.STOCK).from(PRODUCTS).where(PRODUCTS.ID.eq(productId)).fetchOne().value1();
    }
}
