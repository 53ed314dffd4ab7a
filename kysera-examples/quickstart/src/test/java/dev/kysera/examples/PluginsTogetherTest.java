package dev.kysera.examples;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.impl.DSL;

/** Soft delete and timestamps on one executor, through repository, DAL and plain DSL. */
class PluginsTogetherTest {

    static final LocalDateTime T1 = LocalDateTime.of(2026, 1, 1, 10, 0);
    static final LocalDateTime T2 = LocalDateTime.of(2026, 1, 2, 10, 0);
    static final LocalDateTime T3 = LocalDateTime.of(2026, 1, 3, 10, 0);

    /** A clock the test moves forward by hand. */
    static final class SteppingClock extends Clock {
        private final AtomicReference<LocalDateTime> now = new AtomicReference<>(T1);

        void set(LocalDateTime time) {
            now.set(time);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get().toInstant(ZoneOffset.UTC);
        }
    }

    static final DbQuery<Void, Integer> RENAME_ALL = DbQuery.of(ctx -> ctx.dsl().update(USERS).set(USERS.NAME, "renamed").execute());

    @MatrixTest
    void soft_deleted_rows_are_left_alone_by_bulk_updates_and_restore_sets_updated_at(TestDatabase db) {
        db.useTestSchema();
        SteppingClock clock = new SteppingClock();
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().clock(clock).build());
        TimestampsPlugin timestamps = TimestampsPlugin.of(TimestampsOptions.builder().clock(clock).build());
        Executor executor = Executor.of(db.dsl(), softDelete, timestamps);
        Repository<UsersRecord, Long, Values, Values> users = Repository.builder(USERS, USERS.ID).build(executor);
        SoftDeleteOperations<UsersRecord, Long> ops = users.extension(softDelete.operations());

        UsersRecord ann = users.create(Values.of(USERS.EMAIL, "ann@example.com").set(USERS.NAME, "ann"));
        UsersRecord bob = users.create(Values.of(USERS.EMAIL, "bob@example.com").set(USERS.NAME, "bob"));
        assertThat(ann.getCreatedAt()).isEqualTo(T1);
        assertThat(ann.getUpdatedAt()).isEqualTo(T1);

        clock.set(T2);
        UsersRecord deleted = ops.softDelete(bob.getId());
        assertThat(deleted.getDeletedAt()).isEqualTo(T2);
        assertThat(deleted.getUpdatedAt()).as("soft delete is an update: updated_at moves").isEqualTo(T2);

        clock.set(T3);
        assertThat(RENAME_ALL.run(DbContext.of(executor))).as("DAL bulk update").isEqualTo(1);
        assertThat(executor.dsl().update(USERS).set(USERS.STATUS, "suspended").execute()).as("plain DSL bulk update").isEqualTo(1);
        UsersRecord bobAfter = db.dsl().selectFrom(USERS).where(USERS.ID.eq(bob.getId())).fetchOne();
        assertThat(bobAfter.getName()).isEqualTo("bob");
        assertThat(bobAfter.getStatus()).isEqualTo("active");
        assertThat(bobAfter.getUpdatedAt()).isEqualTo(T2);
        assertThat(users.findById(ann.getId()).orElseThrow().getUpdatedAt()).isEqualTo(T3);

        UsersRecord restored = ops.restore(bob.getId());
        assertThat(restored.getDeletedAt()).isNull();
        assertThat(restored.getUpdatedAt()).as("restore sets updated_at").isEqualTo(T3);
        assertThat(restored.getCreatedAt()).isEqualTo(T1);
    }

    @MatrixTest
    void joins_and_subqueries_see_live_rows_and_inserts_are_stamped(TestDatabase db) {
        db.useTestSchema();
        SteppingClock clock = new SteppingClock();
        Executor executor = Executor.of(db.dsl(), SoftDeletePlugin.of(SoftDeleteOptions.builder().clock(clock).build()),
                TimestampsPlugin.of(TimestampsOptions.builder().clock(clock).build()));
        long ann = executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "ann")
                .returningResult(USERS.ID).fetchOne().value1();
        long gone = executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT).values("gone@example.com", "gone", T1)
                .returningResult(USERS.ID).fetchOne().value1();
        executor.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(ann, "a").values(gone, "g").execute();
        assertThat(db.dsl().select(POSTS.CREATED_AT).from(POSTS).fetch(POSTS.CREATED_AT)).containsOnly(T1);
        assertThat(executor.dsl().select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).fetch(POSTS.TITLE))
                .containsExactly("a");
        assertThat(executor.dsl().selectCount().from(POSTS).where(POSTS.USER_ID.in(DSL.select(USERS.ID).from(USERS)))
                .fetchOne(0, Integer.class)).isEqualTo(1);
    }
}
