package dev.kysera.examples.quickstart;

import static dev.kysera.examples.quickstart.schema.Tables.USERS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** A row of {@code users}, as the application sees it. */
public record User(long id, String email, String name, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static User from(Record row) {
        return new User(row.get(USERS.ID), row.get(USERS.EMAIL), row.get(USERS.NAME), row.get(USERS.CREATED_AT),
                row.get(USERS.UPDATED_AT));
    }
}
