package dev.kysera.examples.shop;

import static dev.kysera.examples.shop.schema.Tables.ORDERS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** An order; the total is in cents, fixed at checkout. */
public record Order(long id, long customerId, OrderStatus status, long totalCents, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static Order from(Record row) {
        return new Order(row.get(ORDERS.ID), row.get(ORDERS.CUSTOMER_ID), OrderStatus.fromDb(row.get(ORDERS.STATUS)), row.get(ORDERS.TOTAL_CENTS),
                row.get(ORDERS.CREATED_AT), row.get(ORDERS.UPDATED_AT));
    }
}
