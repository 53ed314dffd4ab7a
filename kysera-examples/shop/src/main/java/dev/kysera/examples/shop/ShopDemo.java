package dev.kysera.examples.shop;

import dev.kysera.core.error.KyseraException;
import dev.kysera.examples.Narrator;
import dev.kysera.examples.RunnableDatabase;
import dev.kysera.infra.RetryOptions;
import java.io.PrintStream;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The shop from catalog to delivered order, printed step by step. Runs on a new SQLite file, or on
 * the database of the JDBC URL given as the only argument (it migrates the shop's schema there:
 * use an empty database or schema).
 *
 * <pre>./dev shop
 * ./dev shop 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'</pre>
 */
public final class ShopDemo {

    private final Narrator out;

    /** A demo that prints to {@code out}. */
    public ShopDemo(PrintStream out) {
        this.out = new Narrator(out);
    }

    /** Runs the demo on the URL given, or on a new SQLite file. */
    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        try (RunnableDatabase db = RunnableDatabase.open("shop", args)) {
            System.out.println("Kysera shop on " + db.dialect().getName() + " (" + db.shownUrl() + ")");
            new ShopDemo(System.out).run(db.dataSource(), db.dialect());
        }
    }

    /** Runs every step on {@code dataSource}, migrating the shop's schema first. */
    public void run(DataSource dataSource, SQLDialect dialect) {
        out.step("Migrate the schema and start the shop (timestamps, audit of products, retried SERIALIZABLE checkout)");
        RetryOptions retry = RetryOptions.builder().maxAttempts(20).initialBackoff(Duration.ofMillis(10)).build();
        try (ShopApp app = ShopApp.start(dataSource, dialect, retry)) {
            ShopApp.Shop clerk = app.as("clerk");
            CatalogService catalog = clerk.catalog();

            out.step("Build the category tree and list products");
            catalog.addCategory("electronics", "Electronics");
            catalog.addCategory("electronics", "computers", "Computers");
            Category laptops = catalog.addCategory("computers", "laptops", "Laptops");
            Category books = catalog.addCategory("books", "Books");
            Product laptop = catalog.addProduct(new NewProduct(laptops.id(), "LAP-1", "Light laptop", 99_900, 3));
            Product book = catalog.addProduct(new NewProduct(books.id(), "BOO-1", "jOOQ in practice", 3_900, 10));
            out.say("below electronics: " + catalog.subtree("electronics").stream().map(Category::slug).toList());
            out.say("search electronics for 'laptop': " + catalog.search("electronics", "laptop", 10).stream().map(Product::name).toList());

            out.step("Fill a cart: adding twice increments the line; prices come from the catalog");
            ShopApp.Shop ann = app.as("ann");
            ann.carts().add(1, laptop.id(), 1);
            ann.carts().add(1, book.id(), 1);
            Cart cart = ann.carts().add(1, book.id(), 1);
            cart.lines().forEach(line -> out.say(line.quantity() + " x " + line.name() + " = " + cents(line.subtotalCents())));
            out.say("total " + cents(cart.totalCents()));

            out.step("Check out: order, items, stock, movements and the emptied cart in one SERIALIZABLE transaction");
            Order order = switch (ann.checkout().checkout(1)) {
                case CheckoutResult.Placed placed -> placed.order();
                case CheckoutResult.EmptyCart empty -> throw new IllegalStateException("the cart was just filled");
                case CheckoutResult.OutOfStock shortage -> throw new IllegalStateException("stock was just added: " + shortage);
            };
            out.say("order " + order.id() + " " + order.status().dbValue() + ", " + cents(order.totalCents()) + ", lines " + ann.orders().lines(order.id()).size());
            out.say("laptop stock now " + catalog.product(laptop.id()).stock() + ", cart lines left " + ann.carts().view(1).lines().size());

            out.step("A cart asking for more than the stock changes nothing");
            app.as("bob").carts().add(2, laptop.id(), 5);
            out.say("bob: " + app.as("bob").checkout().checkout(2));

            out.step("Move the order through its states; an invalid move is refused");
            clerk.orders().startProcessing(order.id());
            clerk.orders().ship(order.id());
            try {
                clerk.orders().cancel(order.id());
            } catch (KyseraException e) {
                out.say("refused: " + e.getMessage());
            }
            out.say("order is " + clerk.orders().deliver(order.id()).status().dbValue());

            out.step("Change a price and restock: both audited, with who did it");
            catalog.changePrice(laptop.id(), 89_900);
            app.as("warehouse").catalog().restock(laptop.id(), 5);
            catalog.history(laptop.id()).forEach(entry -> out.say(entry.operation() + " by " + entry.changedBy() + ": " + entry.newValues()
                    .entrySet().stream().filter(e -> entry.changedColumns().contains(e.getKey()) && !e.getKey().equals("updated_at")).toList()));
            out.say("inventory movements add up to the stock: " + catalog.movementTotal(laptop.id()) + " = " + catalog.product(laptop.id()).stock());
        }
        out.step("Done");
    }

    private static String cents(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
