package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.PRODUCTS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** A product of the catalog; money is in cents. */
public record Product(long id, long categoryId, String sku, String name, long priceCents, int stock, boolean active,
                      LocalDateTime updatedAt) {

    static Product from(Record row) {
        return new Product(row.get(PRODUCTS.ID), row.get(PRODUCTS.CATEGORY_ID), row.get(PRODUCTS.SKU), row.get(PRODUCTS.NAME),
                row.get(PRODUCTS.PRICE_CENTS), row.get(PRODUCTS.STOCK), row.get(PRODUCTS.ACTIVE), row.get(PRODUCTS.UPDATED_AT));
    }
}
