package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.POSTS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** A post; drafts are {@code published == false} and stay out of the feed. */
public record Post(long id, long authorId, String title, String body, boolean published, LocalDateTime createdAt,
                   LocalDateTime updatedAt) {

    static Post from(Record row) {
        return new Post(row.get(POSTS.ID), row.get(POSTS.USER_ID), row.get(POSTS.TITLE), row.get(POSTS.BODY), row.get(POSTS.PUBLISHED),
                row.get(POSTS.CREATED_AT), row.get(POSTS.UPDATED_AT));
    }
}
