package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.POSTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;

import dev.kysera.dal.DbQuery;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/** The blog's read-side DAL query functions: joins the repositories do not do. */
final class BlogQueries {

    /** What to search for, already validated. */
    record Search(String text, int limit) {
    }

    /**
     * Published posts whose title or body contains the text, case-insensitively, newest first.
     * Soft delete filters both tables, so posts of deactivated authors are not found either.
     */
    static final DbQuery<Search, List<SearchHit>> SEARCH = DbQuery.of((ctx, search) ->
            ctx.dsl().select(POSTS.ID, POSTS.TITLE, USERS.NAME)
                    .from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                    .where(POSTS.PUBLISHED.isTrue())
                    .and(POSTS.TITLE.containsIgnoreCase(search.text()).or(POSTS.BODY.containsIgnoreCase(search.text())))
                    .orderBy(POSTS.ID.desc())
                    .limit(search.limit())
                    .fetch(row -> new SearchHit(row.value1(), row.value2(), row.value3())));

    /** Live comments per post, for the posts given (posts without comments are absent). */
    static final DbQuery<List<Long>, Map<Long, Integer>> COMMENT_COUNTS = DbQuery.of((ctx, postIds) ->
            ctx.dsl().select(COMMENTS.POST_ID, DSL.count())
                    .from(COMMENTS)
                    .where(COMMENTS.POST_ID.in(postIds))
                    .groupBy(COMMENTS.POST_ID)
                    .fetchMap(COMMENTS.POST_ID, DSL.count()));

    private BlogQueries() {
    }
}
