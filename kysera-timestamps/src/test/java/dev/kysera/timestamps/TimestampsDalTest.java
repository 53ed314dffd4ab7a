package dev.kysera.timestamps;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static dev.kysera.timestamps.Fixtures.T0;
import static dev.kysera.timestamps.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.dal.Dal;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.Fixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jooq.impl.DSL;

/** DAL query functions run through the same executor, so they are stamped too. */
class TimestampsDalTest {

    static final DbQuery<String, Long> CREATE_USER = DbQuery.of((ctx, name) -> ctx.dsl().insertInto(USERS)
            .set(USERS.EMAIL, name + "@example.com").set(USERS.NAME, name)
            .returningResult(USERS.ID).fetchSingle().value1());

    static final DbQuery<Long, Integer> ADD_POST_TO_EVERY_USER_BUT = DbQuery.of((ctx, except) -> ctx.dsl()
            .insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE)
            .select(DSL.select(USERS.ID, USERS.NAME).from(USERS).where(USERS.ID.ne(except)))
            .execute());

    static final DbQuery<String, Integer> SUSPEND_USERS_WITH_POST = DbQuery.of((ctx, title) -> ctx.dsl().update(USERS)
            .set(USERS.STATUS, "suspended")
            .where(USERS.ID.in(DSL.select(POSTS.USER_ID).from(POSTS).where(POSTS.TITLE.eq(title))))
            .execute());

    private static LocalDateTime created(TestDatabase db, long id) {
        return db.dsl().fetchValue(USERS.CREATED_AT, USERS.ID.eq(id));
    }

    private static LocalDateTime updated(TestDatabase db, long id) {
        return db.dsl().fetchValue(USERS.UPDATED_AT, USERS.ID.eq(id));
    }

    @MatrixTest
    void query_functions_are_stamped_in_and_out_of_transactions(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        DbContext ctx = DbContext.of(Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).plugin()));

        long ann = CREATE_USER.run(ctx, "ann");
        assertThat(created(db, ann)).isEqualTo(stored(db, T0));
        assertThat(updated(db, ann)).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofMinutes(1));
        long bob = Dal.withTransaction(ctx, tx -> {
            long id = CREATE_USER.run(tx, "bob");
            assertThat(ADD_POST_TO_EVERY_USER_BUT.run(tx, ann)).isEqualTo(1);
            return id;
        });
        assertThat(created(db, bob)).isEqualTo(stored(db, t1));
        assertThat(db.dsl().fetchValue(POSTS.CREATED_AT, POSTS.USER_ID.eq(bob))).isEqualTo(stored(db, t1));

        Instant t2 = clock.advance(Duration.ofMinutes(1));
        assertThat(SUSPEND_USERS_WITH_POST.run(ctx, "bob")).isEqualTo(1);
        assertThat(updated(db, bob)).isEqualTo(stored(db, t2));
        assertThat(created(db, bob)).isEqualTo(stored(db, t1));
        assertThat(updated(db, ann)).isEqualTo(stored(db, T0));
    }

    @MatrixTest
    void a_rolled_back_savepoint_leaves_no_stamp_and_a_bypassed_context_sets_none(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        DbContext ctx = DbContext.of(Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).plugin()));
        long ann = CREATE_USER.run(ctx, "ann");

        clock.advance(Duration.ofMinutes(1));
        Dal.withTransaction(ctx, tx -> {
            assertThatThrownBy(() -> Dal.withTransaction(tx, nested -> {
                SUSPEND_USERS_WITH_POST.run(nested, "none");
                nested.dsl().update(USERS).set(USERS.NAME, "changed").where(USERS.ID.eq(ann)).execute();
                throw new IllegalStateException("undo the savepoint");
            })).hasMessage("undo the savepoint");
            return null;
        });
        assertThat(updated(db, ann)).isEqualTo(stored(db, T0));

        long quiet = CREATE_USER.run(ctx.withoutPlugin("timestamps"), "quiet");
        assertThat(created(db, quiet)).isNull();
        assertThat(updated(db, quiet)).isNull();
    }
}
