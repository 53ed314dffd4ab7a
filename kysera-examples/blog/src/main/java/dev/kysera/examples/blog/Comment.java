package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;

import java.time.LocalDateTime;
import org.jooq.Record;

/** A comment on a post. */
public record Comment(long id, long postId, long authorId, String body, LocalDateTime createdAt) {

    static Comment from(Record row) {
        return new Comment(row.get(COMMENTS.ID), row.get(COMMENTS.POST_ID), row.get(COMMENTS.USER_ID), row.get(COMMENTS.BODY),
                row.get(COMMENTS.CREATED_AT));
    }
}
