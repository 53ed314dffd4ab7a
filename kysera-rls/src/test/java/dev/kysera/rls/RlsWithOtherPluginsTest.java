package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.B1;
import static dev.kysera.rls.Fixtures.C1;
import static dev.kysera.rls.Fixtures.D1;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;

/** Soft delete's include-deleted reads, restore and hard delete, and timestamps, all under row-level security. */
class RlsWithOtherPluginsTest {

    record Post(long id, String title) {
    }

    /**
     * The time soft delete and timestamps write, fixed so the stamps are exact; to the millisecond,
     * as SQLite keeps no more of {@code deleted_at}.
     */
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 4, 9, 30, 15, 123_000_000);
    private static final Clock CLOCK = Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private Executor executor;
    private SoftDeleteOperations<Post, Long> ops;
    private Repository<Post, Long, Values, Values> posts;

    private void setUp(TestDatabase db) {
        Fixtures.seed(db);
        // c1 (tenant 2) and b1 (tenant 1) are soft-deleted already.
        db.dsl().update(POSTS).set(POSTS.DELETED_AT, LocalDateTime.of(2026, 1, 1, 0, 0)).where(POSTS.ID.in(C1, B1)).execute();
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().deleteAsUpdate(true).clock(CLOCK).build());
        executor = Executor.of(db.dsl(), RlsPlugin.of(Fixtures.options().build()), softDelete,
                        TimestampsPlugin.of(TimestampsOptions.builder().clock(CLOCK).build()))
                .with(RlsPlugin.CONTEXT, AS_ALICE);
        posts = Repository.builder(POSTS, POSTS.ID).mapper(r -> new Post(r.get(POSTS.ID), r.get(POSTS.TITLE))).build(executor);
        ops = posts.extension(softDelete.operations());
    }

    @MatrixTest
    void include_deleted_reads_stay_inside_the_tenant(TestDatabase db) {
        setUp(db);
        assertThat(posts.findAll(POSTS.ID)).extracting(Post::title).containsExactly("a1", "a2");
        assertThat(ops.findAllIncludingDeleted(POSTS.ID.isNotNull(), POSTS.ID)).extracting(Post::title).containsExactly("a1", "a2", "b1");
        assertThat(ops.findOnlyDeleted(POSTS.ID.isNotNull(), POSTS.ID)).extracting(Post::title).containsExactly("b1");
        assertThat(ops.findIncludingDeleted(C1)).isEmpty();
    }

    @MatrixTest
    void soft_delete_restore_and_hard_delete_of_foreign_rows_change_nothing(TestDatabase db) {
        setUp(db);
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> ops.restore(C1)).isInstanceOf(NotFoundException.class);
        assertThat(ops.restoreMany(List.of(C1))).isZero();
        assertThat(ops.softDeleteMany(List.of(D1))).isZero();
        assertThat(ops.hardDelete(C1)).isFalse();
        assertThat(ops.hardDeleteMany(List.of(C1, D1))).isZero();
        assertThat(posts.delete(D1)).isFalse();
        assertThat(contents(db, POSTS)).isEqualTo(before);
        // b1 is bob's: alice's tenant sees it, but only its owner (or an admin) may change it.
        assertThat(ops.restoreMany(List.of(B1))).isZero();
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void own_rows_are_soft_deleted_and_stamped_under_the_policy(TestDatabase db) {
        setUp(db);
        assertThat(executor.dsl().deleteFrom(POSTS).where(POSTS.ID.eq(A1)).execute()).isEqualTo(1);
        Record a1 = db.dsl().select(POSTS.DELETED_AT, POSTS.UPDATED_AT).from(POSTS).where(POSTS.ID.eq(A1)).fetchOne();
        assertThat(a1.get(POSTS.DELETED_AT)).isEqualTo(NOW);
        assertThat(a1.get(POSTS.UPDATED_AT)).isEqualTo(NOW);
        assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(5);
        executor.dsl().insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2100L, "new").execute();
        Record created = db.dsl().select(POSTS.TENANT_ID, POSTS.USER_ID, POSTS.CREATED_AT).from(POSTS).where(POSTS.ID.eq(2100L)).fetchOne();
        assertThat(created.get(POSTS.TENANT_ID)).isEqualTo(1);
        assertThat(created.get(POSTS.USER_ID)).isEqualTo(Fixtures.ALICE);
        assertThat(created.get(POSTS.CREATED_AT)).isEqualTo(NOW);
        assertThat(ops.restore(A1).title()).isEqualTo("a1");
    }
}
