package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.T0;
import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.dal.Dal;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.repository.PrimaryKey;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.RepositoryTimestamps;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/** DAL functions, the timestamps plugin's touch, and history and restore from a repository. */
class WritePathsMoreTest {

    record User(long id, String name) {
    }

    /** A clock tests move forward, so each stamp differs from the last. */
    static final class SteppingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static Repository<User, Long, Values, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID).mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME))).build(executor);
    }

    static final DbQuery<Long, Integer> RENAME = DbQuery.transactional((ctx, id) ->
            ctx.dsl().update(USERS).set(USERS.NAME, "dal").where(USERS.ID.eq(id)).execute());
    static final DbQuery<Long, Integer> REMOVE = DbQuery.of((ctx, id) -> ctx.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute());

    @MatrixTest
    void dal_functions_are_audited_in_their_transaction_and_refused_outside_one(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Fixtures.seedUsers(a, 1001, 1002);
        int changed = Dal.withTransaction(DbContext.of(a.ann()), ctx -> RENAME.run(ctx, 1001L) + REMOVE.run(ctx, 1002L));
        assertThat(changed).isEqualTo(2);
        assertThat(a.log().history("users", 1001L).getLast()).satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.UPDATE);
            assertThat(e.changedColumns()).containsExactly("name");
            assertThat(e.newValues()).containsEntry("name", "dal");
            assertThat(e.changedBy()).isEqualTo("ann");
        });
        assertThat(a.log().history("users", 1002L).getLast().operation()).isEqualTo(AuditOperation.DELETE);
        // A rolled-back DAL transaction leaves neither the change nor its entry.
        assertThatThrownBy(() -> Dal.withTransaction(DbContext.of(a.ann()), ctx -> {
            REMOVE.run(ctx, 1001L);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L);
        // Outside a transaction the audited write is refused before it runs.
        assertThatThrownBy(() -> REMOVE.run(DbContext.of(a.ann()), 1001L)).isInstanceOf(AccessDeniedException.class);
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L);
        assertThat(a.auditRows()).isEqualTo(4);
    }

    @MatrixTest
    void the_timestamps_plugins_stamps_and_touch_are_recorded(TestDatabase db) {
        SteppingClock clock = new SteppingClock();
        TimestampsPlugin timestamps = TimestampsPlugin.of(TimestampsOptions.builder().tables("users").clock(clock).build());
        Fixtures.Audited a = audited(db, Fixtures.options().build(), timestamps);
        Repository<User, Long, Values, Values> users = users(a.ann());
        a.ann().transaction(tx -> users.create(Values.of(USERS.ID, 1001L).set(USERS.EMAIL, "t@example.com").set(USERS.NAME, "t")));
        clock.now.set(T0.plusSeconds(60));
        RepositoryTimestamps<User, Long, Values, Values> stamps = users.extension(timestamps.repositoryKey());
        a.ann().transaction(tx -> assertThat(stamps.touch(1001L)).isTrue());
        clock.now.set(T0.plusSeconds(120));
        a.ann().transaction(tx -> assertThat(stamps.touchAll(List.of(1001L, 9999L))).isEqualTo(1));

        List<AuditEntry> history = a.log().history("users", 1001L);
        assertThat(history).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.UPDATE);
        assertThat(history.getFirst().newValues().get("created_at")).asString().startsWith("2026-03-04T05:06:07");
        assertThat(history.get(1).changedColumns()).containsExactly("updated_at");
        assertThat(history.get(1).newValues().get("updated_at")).asString().startsWith("2026-03-04T05:07:07");
        assertThat(history.get(2).oldValues().get("updated_at")).isEqualTo(history.get(1).newValues().get("updated_at"));
        assertThat(history.get(2).newValues().get("updated_at")).asString().startsWith("2026-03-04T05:08:07");
    }

    @MatrixTest
    void a_repository_reads_its_rows_history_and_restores_them_through_the_extension(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Fixtures.seedUsers(a, 1001, 1002);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "changed").where(USERS.ID.in(1001L, 1002L)).execute());
        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1002L)).execute());

        AuditHistory<User, Long> history = users(a.ann()).extension(a.audit().history());
        List<AuditEntry> of1001 = history.of(1001L);
        assertThat(of1001).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(history.find(AuditQuery.all().operation(AuditOperation.UPDATE))).extracting(AuditEntry::key)
                .containsExactly(java.util.Map.of("id", 1001L)); // 1002 no longer exists: not visible
        assertThat(history.find(1001L, AuditQuery.all().operation(AuditOperation.INSERT))).hasSize(1);
        assertThat(history.diff(of1001.get(0).id(), of1001.get(1).id())).containsExactly(new AuditDiff("name", "u1001", "changed"));

        AuditRestore<User> restored = history.restore(1001L, of1001.get(1).id());
        assertThat(restored.operation()).isEqualTo(AuditOperation.UPDATE);
        assertThat(restored.row()).map(User::name).contains("u1001");
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(1001L))).isEqualTo("u1001");

        // A deleted row: its entries are read, and it is re-created, with every entry.
        assertThat(history.of(1002L)).isEmpty();
        AuditHistory<User, Long> all = history.everyEntry(a.audit().bypassToken());
        long deletion = all.of(1002L).getLast().id();
        AuditRestore<User> recreated = all.restore(1002L, deletion);
        assertThat(recreated.operation()).isEqualTo(AuditOperation.INSERT);
        assertThat(recreated.row()).map(User::name).contains("changed");
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(1002L))).isEqualTo("changed");
        assertThat(all.of(1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE, AuditOperation.INSERT);
        assertThatThrownBy(() -> history.restore(1002L, of1001.get(1).id())).isInstanceOf(AuditRestoreException.class);
    }

    @MatrixTest
    void the_extension_takes_composite_ids_as_records_and_refuses_tables_that_are_not_audited(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@example.com", "a").execute();
            tx.dsl().execute("insert into posts (id, user_id, title) values (10, 1, 't')");
            tx.dsl().execute("insert into tags (id, name) values (20, 'x')");
            tx.dsl().insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(10L, 20L).execute();
        });
        Repository<Record2<Long, Long>, Record2<Long, Long>, Values, Values> postTags = Repository.builder(POST_TAGS,
                        PrimaryKey.composite(r -> DSL.using(db.dialect()).newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID)
                                        .values(r.get(POST_TAGS.POST_ID), r.get(POST_TAGS.TAG_ID)),
                                id -> POST_TAGS.POST_ID.eq(id.value1()).and(POST_TAGS.TAG_ID.eq(id.value2())), POST_TAGS.POST_ID, POST_TAGS.TAG_ID))
                .mapper(r -> DSL.using(db.dialect()).newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID)
                        .values(r.get(POST_TAGS.POST_ID), r.get(POST_TAGS.TAG_ID)))
                .build(a.ann());
        AuditHistory<Record2<Long, Long>, Record2<Long, Long>> history = postTags.extension(a.audit().history());
        Record2<Long, Long> id = DSL.using(db.dialect()).newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(10L, 20L);
        assertThat(history.of(id)).singleElement().satisfies(e -> assertThat(e.key()).containsEntry("post_id", 10L)
                .containsEntry("tag_id", 20L));
        Repository<User, Long, Values, Values> posts = Repository.builder(dev.kysera.testsupport.schema.Tables.POSTS,
                dev.kysera.testsupport.schema.Tables.POSTS.ID).mapper(r -> new User(r.get(0, Long.class), "")).build(a.ann());
        assertThatThrownBy(() -> posts.extension(a.audit().history())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("posts");
    }
}
