package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.CATEGORIES;

import org.jooq.Record;

/** A catalog category; {@code parentId} is 0 for a top-level one. */
public record Category(long id, long parentId, String slug, String name) {

    static Category from(Record row) {
        Long parent = row.get(CATEGORIES.PARENT_ID);
        return new Category(row.get(CATEGORIES.ID), parent == null ? 0 : parent, row.get(CATEGORIES.SLUG), row.get(CATEGORIES.NAME));
    }
}
