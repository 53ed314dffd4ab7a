package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CATEGORIES;
import static dev.kysera.examples.shop.schema.Tables.ORDERS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.examples.AppMigrations;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.infra.KyseraRetry;
import dev.kysera.infra.RetryOptions;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import dev.kysera.validation.jakarta.JakartaValidation;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The shop, wired: one executor with timestamps and an audit history of products (price and
 * stock changes), whose transactions are retried on transient errors (serialization failures,
 * deadlocks, a busy SQLite); repositories over categories, products and orders; services per
 * acting user. Build it with {@link #start}, which migrates the schema first; close it to close
 * the executor (the data source stays the caller's).
 */
public final class ShopApp implements AutoCloseable {

    /** Who is acting: recorded as {@code changed_by} in the audit history. */
    public static final ContextKey<String> ACTOR = ContextKey.of("shop.actor", String.class);
    /** The shop's audit table. */
    public static final String AUDIT_TABLE = "shop_audit_log";

    private final Executor executor;
    private final KyseraRetry retry;
    private final AuditLog auditLog;
    private final Repository<Category, Long, Values, Values> categories;
    private final Repository<Product, Long, NewProduct, Values> products;
    private final Repository<Order, Long, Values, Values> orders;

    private ShopApp(Executor executor, KyseraRetry retry, AuditPlugin audit) {
        this.executor = executor;
        this.retry = retry;
        this.auditLog = audit.log(executor);
        this.categories = Repository.builder(CATEGORIES, CATEGORIES.ID).mapper(Category::from).build(executor);
        this.products = Repository.builder(PRODUCTS, PRODUCTS.ID)
                .mapper(Product::from)
                .create((NewProduct p) -> Values.of(PRODUCTS.CATEGORY_ID, p.categoryId()).set(PRODUCTS.SKU, p.sku()).set(PRODUCTS.NAME, p.name())
                        .set(PRODUCTS.PRICE_CENTS, p.priceCents()).set(PRODUCTS.STOCK, p.stock()), JakartaValidation.schema())
                .build(executor);
        this.orders = Repository.builder(ORDERS, ORDERS.ID).mapper(Order::from).build(executor);
    }

    /**
     * Migrates the schema on {@code dataSource} and starts the shop on it.
     *
     * @param retryOptions how transactions are retried on transient errors
     * @throws dev.kysera.migrations.MigrationException if the schema cannot be migrated
     */
    public static ShopApp start(DataSource dataSource, SQLDialect dialect, RetryOptions retryOptions) {
        return start(dataSource, dialect, retryOptions, Clock.systemUTC());
    }

    /**
     * {@link #start(DataSource, SQLDialect, RetryOptions)} with the clock that stamps
     * {@code created_at} and {@code updated_at} (UTC wall clock), e.g. a fixed one in tests.
     */
    public static ShopApp start(DataSource dataSource, SQLDialect dialect, RetryOptions retryOptions, Clock clock) {
        KyseraRetry retry = KyseraRetry.of(Objects.requireNonNull(retryOptions, "retryOptions"));
        AppMigrations.migrator(dataSource, dialect, "shop", AUDIT_TABLE).up();
        AuditPlugin audit = AuditOptions.builder().table("products", "id").auditTable(AUDIT_TABLE).changedBy(ACTOR).plugin();
        Executor executor = Executor.builder().dataSource(dataSource, dialect)
                .plugin(TimestampsPlugin.of(TimestampsOptions.builder().clock(clock).build())).plugin(audit)
                .decorateTransactions(retry.decorator())
                // statements outside transactions too: reads, and writes the database rolled back (deadlocks)
                .guardStatements(retry.statementGuard())
                .build();
        try {
            return new ShopApp(executor, retry, audit);
        } catch (RuntimeException e) {
            executor.close();
            throw e;
        }
    }

    /** The shop's services acting as {@code actor} (a user name, recorded in the audit history). */
    public Shop as(String actor) {
        Objects.requireNonNull(actor, "actor");
        Executor acting = executor.with(ACTOR, actor);
        return new Shop(
                new CatalogService(acting, categories.with(acting), products.with(acting), auditLog),
                new CartService(acting),
                new CheckoutService(acting, orders.with(acting)),
                new OrderService(acting, orders.with(acting)));
    }

    /** The retry around every transaction; its Resilience4j events and metrics are there. */
    public KyseraRetry retry() {
        return retry;
    }

    /** The executor everything runs through. */
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.close();
    }

    /** The services of one acting user. */
    public record Shop(CatalogService catalog, CartService carts, CheckoutService checkout, OrderService orders) {
    }
}
