package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CATEGORIES;
import static dev.kysera.examples.shop.schema.Tables.INVENTORY_MOVEMENTS;
import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The catalog: a tree of categories, products, price changes and restocking. Product writes run in
 * transactions, as their audit history (every price and stock change, by whom) requires.
 */
public final class CatalogService {

    private final Executor executor;
    private final Repository<Category, Long, Values, Values> categories;
    private final Repository<Product, Long, NewProduct, Values> products;
    private final AuditLog auditLog;

    CatalogService(Executor executor, Repository<Category, Long, Values, Values> categories, Repository<Product, Long, NewProduct, Values> products,
                   AuditLog auditLog) {
        this.executor = executor;
        this.categories = categories;
        this.products = products;
        this.auditLog = auditLog;
    }

    /**
     * Adds a top-level category.
     *
     * @throws BadRequestException unless the slug is lower-case letters, digits and dashes and the name is not blank
     * @throws dev.kysera.core.error.UniqueConstraintException if the slug is taken
     */
    public Category addCategory(String slug, String name) {
        checkCategory(slug, name);
        return categories.create(Values.of(CATEGORIES.SLUG, slug).set(CATEGORIES.NAME, name));
    }

    /**
     * Adds a category below another.
     *
     * @throws BadRequestException unless the slug is lower-case letters, digits and dashes and the name is not blank
     * @throws NotFoundException if there is no category {@code parentSlug}
     * @throws dev.kysera.core.error.UniqueConstraintException if the slug is taken
     */
    public Category addCategory(String parentSlug, String slug, String name) {
        checkCategory(slug, name);
        Category parent = category(parentSlug);
        return categories.create(Values.of(CATEGORIES.SLUG, slug).set(CATEGORIES.NAME, name).set(CATEGORIES.PARENT_ID, parent.id()));
    }

    /**
     * A category by slug.
     *
     * @throws NotFoundException if there is none
     */
    public Category category(String slug) {
        return categories.findOne(CATEGORIES.SLUG.eq(slug)).orElseThrow(() -> new NotFoundException("categories", slug));
    }

    /** A category and every category below it, at any depth, by id (one recursive query). */
    public List<Category> subtree(String slug) {
        CommonTableExpression<Record1<Long>> tree = subtreeIds(slug);
        return executor.dsl().withRecursive(tree).selectFrom(CATEGORIES)
                .where(CATEGORIES.ID.in(DSL.select(tree.field(0, Long.class)).from(tree)))
                .orderBy(CATEGORIES.ID)
                .fetch(Category::from);
    }

    /**
     * Lists a product with its opening stock, recorded as a restock movement.
     *
     * @throws dev.kysera.core.error.ValidationFailedException for a blank name or SKU, a negative price or stock
     * @throws dev.kysera.core.error.UniqueConstraintException if the SKU is taken
     * @throws dev.kysera.core.error.ForeignKeyException if the category does not exist
     */
    public Product addProduct(NewProduct product) {
        return executor.transactionResult(tx -> {
            Product created = products.with(tx).create(product);
            if (created.stock() > 0) {
                recordMovement(tx.dsl(), created.id(), created.stock(), "restock", null);
            }
            return created;
        });
    }

    /**
     * Sets a product's price; the change is audited.
     *
     * @throws BadRequestException for a negative price
     * @throws NotFoundException if the product is unknown
     */
    public Product changePrice(long productId, long priceCents) {
        if (priceCents < 0) {
            throw new BadRequestException("price must not be negative, was " + priceCents);
        }
        return executor.transactionResult(tx -> products.with(tx).update(productId, Values.of(PRODUCTS.PRICE_CENTS, priceCents)));
    }

    /**
     * Adds stock (one atomic increment, audited) and records the movement.
     *
     * @throws BadRequestException unless the quantity is positive
     * @throws NotFoundException if the product is unknown
     */
    public Product restock(long productId, int quantity) {
        if (quantity <= 0) {
            throw new BadRequestException("restock quantity must be positive, was " + quantity);
        }
        return executor.transactionResult(tx -> {
            int updated = tx.dsl().update(PRODUCTS).set(PRODUCTS.STOCK, PRODUCTS.STOCK.plus(quantity)).where(PRODUCTS.ID.eq(productId)).execute();
            if (updated == 0) {
                throw new NotFoundException("products", productId);
            }
            recordMovement(tx.dsl(), productId, quantity, "restock", null);
            return products.with(tx).findById(productId).orElseThrow();
        });
    }

    /**
     * Takes a product off sale: it leaves search, and checkouts of carts holding it fail as out of stock.
     *
     * @throws NotFoundException if the product is unknown
     */
    public Product withdraw(long productId) {
        return executor.transactionResult(tx -> products.with(tx).update(productId, Values.of(PRODUCTS.ACTIVE, false)));
    }

    /**
     * A product by id.
     *
     * @throws NotFoundException if it is unknown
     */
    public Product product(long productId) {
        return products.findById(productId).orElseThrow(() -> new NotFoundException("products", productId));
    }

    /**
     * Products on sale and in stock in a category or any category below it whose name contains
     * the text (case-insensitive; blank text matches all), by name.
     *
     * @throws BadRequestException for a limit outside 1–100
     */
    public List<Product> search(String categorySlug, String text, int limit) {
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("search limit must be 1 to 100, was " + limit);
        }
        CommonTableExpression<Record1<Long>> tree = subtreeIds(categorySlug);
        return executor.dsl().withRecursive(tree).selectFrom(PRODUCTS)
                .where(PRODUCTS.CATEGORY_ID.in(DSL.select(tree.field(0, Long.class)).from(tree)))
                .and(PRODUCTS.ACTIVE.isTrue()).and(PRODUCTS.STOCK.gt(0))
                .and(text == null || text.isBlank() ? DSL.noCondition() : PRODUCTS.NAME.containsIgnoreCase(text.strip()))
                .orderBy(PRODUCTS.NAME, PRODUCTS.ID)
                .limit(limit)
                .fetch(Product::from);
    }

    /** Every recorded change of a product — creation, prices, stock, withdrawal — oldest first, with who made it. */
    public List<AuditEntry> history(long productId) {
        return auditLog.history("products", productId);
    }

    /** The sum of a product's inventory movements: equals its stock when every change was recorded. */
    public int movementTotal(long productId) {
        Integer total = executor.dsl().select(DSL.sum(INVENTORY_MOVEMENTS.QUANTITY_CHANGE).cast(Integer.class))
                .from(INVENTORY_MOVEMENTS).where(INVENTORY_MOVEMENTS.PRODUCT_ID.eq(productId)).fetchOne().value1();
        return total == null ? 0 : total;
    }

    /** Records a stock change; {@code orderId} is null unless an order caused it. */
    static void recordMovement(DSLContext dsl, long productId, int change, String reason, Long orderId) {
        dsl.insertInto(INVENTORY_MOVEMENTS, INVENTORY_MOVEMENTS.PRODUCT_ID, INVENTORY_MOVEMENTS.QUANTITY_CHANGE, INVENTORY_MOVEMENTS.REASON,
                        INVENTORY_MOVEMENTS.ORDER_ID)
                .values(productId, change, reason, orderId).execute();
    }

    private static void checkCategory(String slug, String name) {
        if (slug == null || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*") || slug.length() > 100) {
            throw new BadRequestException("category slug must be lower-case words joined by dashes, was '" + slug + "'");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new BadRequestException("category name must be 1 to 100 characters, was '" + name + "'");
        }
    }

    /** {@code tree(id)}: the ids of the category {@code slug} and of all its descendants. */
    private static CommonTableExpression<Record1<Long>> subtreeIds(String slug) {
        Name tree = DSL.name("tree");
        Field<Long> treeId = DSL.field(DSL.name("tree", "id"), Long.class);
        return tree.fields("id").as(DSL.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.SLUG.eq(slug))
                .unionAll(DSL.select(CATEGORIES.ID).from(CATEGORIES).join(DSL.table(tree)).on(CATEGORIES.PARENT_ID.eq(treeId))));
    }
}
