package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.USERS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** A blog author or reader, as the application sees a row of {@code users}. */
public record User(long id, String email, String name, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static User from(Record row) {
        return new User(row.get(USERS.ID), row.get(USERS.EMAIL), row.get(USERS.NAME), row.get(USERS.CREATED_AT), row.get(USERS.UPDATED_AT));
    }
}
