package dev.kysera.timestamps;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static dev.kysera.timestamps.Fixtures.T0;
import static dev.kysera.timestamps.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import dev.kysera.timestamps.Fixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Plain jOOQ DSL through the executor: every INSERT and UPDATE path is stamped. */
class TimestampsDslTest {

    private static final LocalDateTime LONG_AGO = LocalDateTime.of(1999, 1, 1, 0, 0);

    private static Executor executor(TestDatabase db, TestClock clock, TimestampsOptions.Builder options) {
        db.useTestSchema();
        return Executor.of(db.dsl(), options.clock(clock).plugin());
    }

    private static long insertUser(DSLContext dsl, String name) {
        dsl.insertInto(USERS).set(USERS.EMAIL, name + "@example.com").set(USERS.NAME, name).execute();
        return dsl.select(USERS.ID).from(USERS).where(USERS.NAME.eq(name)).fetchSingle().value1();
    }

    private static Record2<LocalDateTime, LocalDateTime> userStamps(TestDatabase db, long id) {
        return db.dsl().select(USERS.CREATED_AT, USERS.UPDATED_AT).from(USERS).where(USERS.ID.eq(id)).fetchSingle();
    }

    private static Record2<LocalDateTime, LocalDateTime> postStamps(TestDatabase db, String title) {
        return db.dsl().select(POSTS.CREATED_AT, POSTS.UPDATED_AT).from(POSTS).where(POSTS.TITLE.eq(title)).fetchSingle();
    }

    @MatrixTest
    void insert_sets_both_columns_to_one_instant_and_update_sets_only_updated_at(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();

        long id = insertUser(dsl, "ann");
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofMinutes(5));
        assertThat(dsl.update(USERS).set(USERS.NAME, "Ann").where(USERS.ID.eq(id)).execute()).isEqualTo(1);
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, t1));

        // The same statements through plain jOOQ (no executor) set nothing: the values above are the plugin's.
        long plain = insertUser(db.dsl(), "plain");
        assertThat(userStamps(db, plain).value1()).isNull();
        assertThat(userStamps(db, plain).value2()).isNull();
    }

    @MatrixTest
    void bulk_update_stamps_exactly_the_matched_rows(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();
        long a = insertUser(dsl, "a");
        long b = insertUser(dsl, "b");
        long c = insertUser(dsl, "c");

        Instant t1 = clock.advance(Duration.ofSeconds(90));
        assertThat(dsl.update(USERS).set(USERS.STATUS, "suspended").where(USERS.ID.in(a, b)).execute()).isEqualTo(2);

        assertThat(userStamps(db, a).value2()).isEqualTo(stored(db, t1));
        assertThat(userStamps(db, b).value2()).isEqualTo(stored(db, t1));
        assertThat(userStamps(db, c).value2()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, a).value1()).isEqualTo(stored(db, T0));
    }

    @MatrixTest
    void updatable_records_are_stamped_on_insert_and_on_update(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();

        UsersRecord user = dsl.newRecord(USERS);
        user.setEmail("rec@example.com");
        user.setName("Rec");
        assertThat(user.store()).isEqualTo(1);
        long id = user.getId();
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        user.refresh();   // jOOQ fetches back only the key; the stamps are in the row
        assertThat(user.getCreatedAt()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofHours(1));
        UsersRecord fetched = dsl.fetchSingle(USERS, USERS.ID.eq(id));
        fetched.setName("Record");
        assertThat(fetched.store()).isEqualTo(1);
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, t1));
    }

    @MatrixTest
    void insert_select_and_multi_row_insert_stamp_every_row(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();
        insertUser(dsl, "x");
        insertUser(dsl, "y");

        Instant t1 = clock.advance(Duration.ofSeconds(1));
        int copied = dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE)
                .select(DSL.select(USERS.ID, DSL.concat(DSL.val("copy of "), USERS.NAME)).from(USERS))
                .execute();
        assertThat(copied).isEqualTo(2);
        assertThat(postStamps(db, "copy of x").value1()).isEqualTo(stored(db, t1));
        assertThat(postStamps(db, "copy of y").value2()).isEqualTo(stored(db, t1));

        Instant t2 = clock.advance(Duration.ofSeconds(1));
        long userId = dsl.select(USERS.ID).from(USERS).where(USERS.NAME.eq("x")).fetchSingle().value1();
        dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(userId, "m1").values(userId, "m2").execute();
        assertThat(postStamps(db, "m1").value1()).isEqualTo(stored(db, t2));
        assertThat(postStamps(db, "m2").value2()).isEqualTo(stored(db, t2));
    }

    @MatrixTest
    void update_with_joins_and_subqueries_in_where_stamps_only_the_updated_table(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();
        long ann = insertUser(dsl, "ann");
        long bob = insertUser(dsl, "bob");
        dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(ann, "ann-1").values(ann, "ann-2").values(bob, "bob-1").execute();

        Instant t1 = clock.advance(Duration.ofMinutes(1));
        var p2 = POSTS.as("p2");
        int updated = dsl.update(POSTS)
                .set(POSTS.VIEWS, 7)
                .where(POSTS.USER_ID.in(DSL.select(USERS.ID).from(USERS)
                        .join(p2).on(p2.USER_ID.eq(USERS.ID))
                        .where(USERS.NAME.eq("ann"))))
                .and(DSL.exists(DSL.selectOne().from(USERS).where(USERS.ID.eq(POSTS.USER_ID))))
                .execute();

        assertThat(updated).isEqualTo(2);
        assertThat(postStamps(db, "ann-1").value2()).isEqualTo(stored(db, t1));
        assertThat(postStamps(db, "ann-2").value2()).isEqualTo(stored(db, t1));
        assertThat(postStamps(db, "ann-2").value1()).isEqualTo(stored(db, T0));
        assertThat(postStamps(db, "bob-1").value2()).isEqualTo(stored(db, T0));
        // Tables that are only read in the subqueries are not written, so not stamped.
        assertThat(userStamps(db, ann).value2()).isEqualTo(stored(db, T0));
    }

    @MatrixTest
    void an_explicit_value_is_kept_by_default(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();

        dsl.insertInto(USERS).set(USERS.EMAIL, "old@example.com").set(USERS.NAME, "old").set(USERS.CREATED_AT, LONG_AGO).execute();
        long id = dsl.select(USERS.ID).from(USERS).fetchSingle().value1();
        assertThat(userStamps(db, id).value1()).isEqualTo(LONG_AGO);
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, T0));

        clock.advance(Duration.ofDays(1));
        dsl.update(USERS).set(USERS.NAME, "older").set(USERS.UPDATED_AT, LONG_AGO.plusDays(1)).where(USERS.ID.eq(id)).execute();
        assertThat(userStamps(db, id).value2()).isEqualTo(LONG_AGO.plusDays(1));
    }

    @MatrixTest
    void an_explicit_value_is_overwritten_when_configured(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder().overwriteExplicit(true)).dsl();

        dsl.insertInto(USERS).set(USERS.EMAIL, "spoof@example.com").set(USERS.NAME, "spoof").set(USERS.CREATED_AT, LONG_AGO).execute();
        long id = dsl.select(USERS.ID).from(USERS).fetchSingle().value1();
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofDays(1));
        dsl.update(USERS).set(USERS.UPDATED_AT, LONG_AGO).where(USERS.ID.eq(id)).execute();
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, t1));
    }

    @MatrixTest
    void excluded_tables_and_unlisted_tables_are_untouched(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext excludePosts = executor(db, clock, TimestampsOptions.builder().excludeTables("POSTS")).dsl();
        long id = insertUser(excludePosts, "u");
        excludePosts.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(id, "not stamped").execute();
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(postStamps(db, "not stamped").value1()).isNull();
        assertThat(postStamps(db, "not stamped").value2()).isNull();
        excludePosts.update(POSTS).set(POSTS.VIEWS, 3).execute();
        assertThat(postStamps(db, "not stamped").value2()).isNull();

        DSLContext onlyPosts = Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).tables("posts").plugin()).dsl();
        clock.advance(Duration.ofSeconds(3));
        onlyPosts.update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(id)).execute();
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, T0));
        onlyPosts.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(id, "stamped").execute();
        assertThat(postStamps(db, "stamped").value1()).isEqualTo(stored(db, clock.instant()));
    }

    @MatrixTest
    void upsert_update_part_sets_updated_at_and_keeps_created_at(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder()).dsl();
        long id = insertUser(dsl, "up");

        Instant t1 = clock.advance(Duration.ofMinutes(2));
        dsl.insertInto(USERS).set(USERS.EMAIL, "up@example.com").set(USERS.NAME, "upserted")
                .onConflict(USERS.EMAIL).doUpdate().set(USERS.NAME, "upserted").execute();

        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(id))).isEqualTo("upserted");
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isEqualTo(stored(db, t1));
    }

    @MatrixTest
    void transactions_and_batches_are_stamped(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        Executor executor = executor(db, clock, TimestampsOptions.builder());
        long id = executor.transactionResult(tx -> insertUser(tx.dsl(), "tx"));
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofSeconds(30));
        executor.dsl().batch(executor.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values((Long) null, (String) null))
                .bind(id, "batch-1")
                .bind(id, "batch-2")
                .execute();
        assertThat(postStamps(db, "batch-1").value1()).isEqualTo(stored(db, t1));
        assertThat(postStamps(db, "batch-2").value2()).isEqualTo(stored(db, t1));
    }

    @MatrixTest
    void updated_at_can_stay_null_on_insert(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        DSLContext dsl = executor(db, clock, TimestampsOptions.builder().updatedOnInsert(false)).dsl();
        long id = insertUser(dsl, "fresh");
        assertThat(userStamps(db, id).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, id).value2()).isNull();
    }

    @MatrixTest
    void tables_without_metadata_are_stamped_only_when_listed(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        Table<?> users = DSL.table(DSL.name("users"));
        var email = DSL.field(DSL.name("email"), SQLDataType.VARCHAR);
        var name = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);

        DSLContext unlisted = executor(db, clock, TimestampsOptions.builder()).dsl();
        unlisted.insertInto(users).columns(email, name).values("plain@example.com", "plain").execute();
        long plain = db.dsl().fetchValue(USERS.ID, USERS.NAME.eq("plain"));
        assertThat(userStamps(db, plain).value1()).isNull();

        DSLContext listed = Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).tables("users").plugin()).dsl();
        listed.insertInto(users).columns(email, name).values("listed@example.com", "listed").execute();
        long stamped = db.dsl().fetchValue(USERS.ID, USERS.NAME.eq("listed"));
        assertThat(userStamps(db, stamped).value1()).isEqualTo(stored(db, T0));
        assertThat(userStamps(db, stamped).value2()).isEqualTo(stored(db, T0));
    }
}
