package dev.kysera.examples.quickstart;

import static dev.kysera.examples.quickstart.schema.Tables.POSTS;
import static dev.kysera.examples.quickstart.schema.Tables.USERS;

import dev.kysera.dal.DbQuery;
import java.util.List;
import java.util.Optional;

/** The quickstart's DAL query functions: defined once, run in or out of transactions. */
final class UserQueries {

    static final DbQuery<Long, Optional<User>> GET_USER = DbQuery.of((ctx, id) ->
            ctx.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(User::from));

    static final DbQuery<Void, List<String>> LIST_ACTIVE_USERS = DbQuery.of(ctx ->
            ctx.dsl().select(USERS.NAME).from(USERS).orderBy(USERS.NAME).fetch(USERS.NAME));

    /** A join: the plugins filter both tables, not just the first one. */
    static final DbQuery<Void, List<String>> POST_TITLES_WITH_AUTHORS = DbQuery.of(ctx ->
            ctx.dsl().select(USERS.NAME, POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                    .orderBy(POSTS.TITLE).fetch(r -> r.value2() + " by " + r.value1()));

    static final DbQuery<Post, Long> CREATE_POST = DbQuery.transactional((ctx, post) ->
            ctx.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(post.userId(), post.title())
                    .returningResult(POSTS.ID).fetchOne().value1());

    record Post(long userId, String title) {
    }

    private UserQueries() {
    }
}
