package dev.kysera.softdelete;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

class SoftDeleteTest {

    static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
    static final Clock CLOCK = Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    record User(long id, String name, LocalDateTime deletedAt) {
    }

    private final SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().clock(CLOCK).build());

    private Fixture fixture(TestDatabase db, SoftDeletePlugin plugin) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl(), plugin);
        Repository<User, Long, Values, Values> users = Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME), r.get(USERS.DELETED_AT)))
                .build(executor);
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = users.create(Values.of(USERS.EMAIL, "u" + i + "@example.com").set(USERS.NAME, "u" + i)).id();
        }
        return new Fixture(executor, users, users.extension(plugin.operations()), ids);
    }

    record Fixture(Executor executor, Repository<User, Long, Values, Values> users, SoftDeleteOperations<User, Long> ops, long[] ids) {
    }

    @MatrixTest
    void soft_deleted_rows_disappear_from_repository_dsl_joins_and_subqueries(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        User deleted = f.ops().softDelete(f.ids()[0]);
        assertThat(deleted.deletedAt()).isEqualTo(NOW);
        assertThat(f.users().findById(f.ids()[0])).isEmpty();
        assertThat(f.users().count()).isEqualTo(2);

        DSLContext dsl = f.executor().dsl();
        assertThat(dsl.fetchCount(USERS)).isEqualTo(2);
        dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(f.ids()[0], "orphaned").values(f.ids()[1], "kept").execute();
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).fetch(POSTS.TITLE))
                .containsExactly("kept");
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).where(POSTS.USER_ID.in(DSL.select(USERS.ID).from(USERS))).fetch(POSTS.TITLE))
                .containsExactly("kept");
    }

    @MatrixTest
    void a_soft_deleted_row_is_not_touched_by_later_updates_or_deletes(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.ops().softDelete(f.ids()[0]);
        assertThat(f.executor().dsl().update(USERS).set(USERS.NAME, "renamed").execute()).isEqualTo(2);
        assertThat(f.ops().findIncludingDeleted(f.ids()[0])).map(User::name).contains("u0");
        assertThat(f.executor().dsl().deleteFrom(USERS).where(USERS.ID.eq(f.ids()[0])).execute()).isZero();
    }

    @MatrixTest
    void restore_brings_a_row_back_and_refuses_live_or_missing_rows(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.ops().softDelete(f.ids()[1]);
        User restored = f.ops().restore(f.ids()[1]);
        assertThat(restored.deletedAt()).isNull();
        assertThat(f.users().findById(f.ids()[1])).isPresent();
        assertThatThrownBy(() -> f.ops().restore(f.ids()[1])).isInstanceOf(RecordNotDeletedException.class)
                .extracting("code").isEqualTo(RecordNotDeletedException.CODE);
        assertThatThrownBy(() -> f.ops().restore(999_999L)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.ops().softDelete(999_999L)).isInstanceOf(NotFoundException.class);
    }

    /** Everyone reads users; only those not named "frozen" can be changed, as row-level security may decide. */
    static final class Freezing implements Plugin {
        @Override
        public String name() {
            return "freezing";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> operation == Operation.READ ? Optional.empty()
                    : Optional.of(table.field("name", SQLDataType.VARCHAR).ne("frozen")));
        }
    }

    // SQLite has no concurrent writer to race with: the outer transaction's read would make the other restore wait.
    @MatrixTest(except = Engine.SQLITE)
    void a_restore_that_lost_to_a_concurrent_restore_says_the_row_is_live(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.ops().softDelete(f.ids()[0]);
        assertThatThrownBy(() -> f.executor().transaction(tx -> {
            SoftDeleteOperations<User, Long> late = f.users().with(tx).extension(softDelete.operations());
            // pins this transaction's snapshot (MariaDB's REPEATABLE READ) with the row still deleted
            assertThat(late.findIncludingDeleted(f.ids()[0])).map(User::deletedAt).contains(NOW);
            restoreElsewhere(f, f.ids()[0]); // another thread: its own connection and transaction, committed
            late.restore(f.ids()[0]);
        })).isInstanceOf(RecordNotDeletedException.class);
        assertThat(f.users().findById(f.ids()[0])).map(User::name).contains("u0"); // live, as the winner left it
    }

    private static void restoreElsewhere(Fixture f, long id) {
        CompletableFuture<User> restored = CompletableFuture.supplyAsync(() -> f.ops().restore(id), Executors.newVirtualThreadPerTaskExecutor());
        assertThat(restored).succeedsWithin(Duration.ofSeconds(20)).extracting(User::deletedAt).isNull();
    }

    @MatrixTest
    void restoring_a_deleted_row_another_plugin_keeps_the_caller_from_changing_is_not_found(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.executor().dsl().update(USERS).set(USERS.NAME, "frozen").where(USERS.ID.eq(f.ids()[0])).execute();
        f.ops().softDelete(f.ids()[0]);
        f.ops().softDelete(f.ids()[1]);
        Repository<User, Long, Values, Values> frozenOut = f.users().with(Executor.of(db.dsl(), softDelete, new Freezing()));
        SoftDeleteOperations<User, Long> ops = frozenOut.extension(softDelete.operations());
        assertThatThrownBy(() -> ops.restore(f.ids()[0])).isInstanceOf(NotFoundException.class);
        assertThat(ops.findIncludingDeleted(f.ids()[0])).map(User::deletedAt).contains(NOW);
        assertThat(ops.restore(f.ids()[1]).deletedAt()).isNull();
        assertThatThrownBy(() -> ops.restore(f.ids()[2])).isInstanceOf(RecordNotDeletedException.class);
    }

    @MatrixTest
    void soft_deleting_twice_is_not_found_the_second_time(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.ops().softDelete(f.ids()[0]);
        assertThatThrownBy(() -> f.ops().softDelete(f.ids()[0])).isInstanceOf(NotFoundException.class);
    }

    @MatrixTest
    void bulk_operations_and_deleted_row_queries(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        List<Long> first2 = List.of(f.ids()[0], f.ids()[1]);
        assertThat(f.ops().softDeleteMany(first2)).isEqualTo(2);
        assertThat(f.ops().softDeleteMany(first2)).isZero();
        assertThat(f.ops().countDeleted()).isEqualTo(2);
        assertThat(f.ops().findOnlyDeleted(DSL.noCondition(), USERS.ID.asc())).extracting(User::name).containsExactly("u0", "u1");
        assertThat(f.ops().findAllIncludingDeleted(DSL.noCondition())).hasSize(3);
        assertThat(f.ops().restoreMany(List.of(f.ids()[0], f.ids()[2]))).isEqualTo(1);
        assertThat(f.ops().countDeleted()).isEqualTo(1);
        assertThat(f.ops().hardDelete(f.ids()[1])).isTrue();
        assertThat(f.ops().findIncludingDeleted(f.ids()[1])).isEmpty();
        assertThat(f.ops().hardDeleteMany(List.of(f.ids()[0], f.ids()[2]))).isEqualTo(2);
        assertThat(db.dsl().fetchCount(USERS)).isZero();
        assertThat(f.ops().softDeleteMany(List.of())).isZero();
    }

    @MatrixTest
    void including_deleted_is_a_narrow_explicit_scope(TestDatabase db) {
        Fixture f = fixture(db, softDelete);
        f.ops().softDelete(f.ids()[0]);
        Executor all = softDelete.includingDeleted(f.executor());
        assertThat(all.dsl().fetchCount(USERS)).isEqualTo(3);
        assertThat(f.executor().dsl().fetchCount(USERS)).isEqualTo(2);
        f.executor().transaction(tx -> {
            assertThat(softDelete.includingDeleted(tx).dsl().fetchCount(USERS)).isEqualTo(3);
            assertThat(tx.dsl().fetchCount(USERS)).isEqualTo(2);
        });
    }

    @MatrixTest
    void delete_can_become_a_soft_delete(TestDatabase db) {
        SoftDeletePlugin converting = SoftDeletePlugin.of(SoftDeleteOptions.builder().clock(CLOCK).deleteAsUpdate(true).build());
        Fixture f = fixture(db, converting);
        assertThat(f.users().delete(f.ids()[0])).isTrue();
        assertThat(f.executor().dsl().deleteFrom(USERS).where(USERS.ID.eq(f.ids()[1])).execute()).isEqualTo(1);
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(3);
        assertThat(Executor.of(db.dsl()).dsl().fetchCount(USERS, USERS.DELETED_AT.eq(NOW))).isEqualTo(2);
        assertThat(f.ops().hardDelete(f.ids()[0])).isTrue();
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
    }

    @MatrixTest
    void excluded_and_unlisted_tables_are_left_alone(TestDatabase db) {
        db.useTestSchema();
        SoftDeletePlugin onlyPosts = SoftDeletePlugin.of(SoftDeleteOptions.builder().tables("posts").build());
        Executor executor = Executor.of(db.dsl(), onlyPosts);
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT).values("d@example.com", "d", NOW).execute();
        assertThat(executor.dsl().fetchCount(USERS)).isEqualTo(1);
        SoftDeletePlugin notUsers = SoftDeletePlugin.of(SoftDeleteOptions.builder().excludeTables("users").build());
        assertThat(Executor.of(db.dsl(), notUsers).dsl().fetchCount(USERS)).isEqualTo(1);
        // A table jOOQ knows no columns of is filtered only when listed by name.
        assertThat(Executor.of(db.dsl(), softDelete).dsl().fetchCount(DSL.table(DSL.name("users")))).isEqualTo(1);
        SoftDeletePlugin listed = SoftDeletePlugin.of(SoftDeleteOptions.builder().tables("users").build());
        assertThat(Executor.of(db.dsl(), listed).dsl().fetchCount(DSL.table(DSL.name("users")))).isZero();
    }

    @MatrixTest
    void a_boolean_flag_column_works_too(TestDatabase db) {
        db.useTestSchema();
        db.executeScript("create table flagged (id int primary key, name varchar(20) not null, is_deleted boolean default false not null);");
        var table = DSL.table(DSL.name("flagged"));
        var id = DSL.field(DSL.name("id"), Integer.class);
        SoftDeletePlugin flags = SoftDeletePlugin.of(SoftDeleteOptions.builder().flagColumn("is_deleted").tables("flagged")
                .deleteAsUpdate(true).build());
        Executor executor = Executor.of(db.dsl(), flags);
        executor.dsl().insertInto(table, id, DSL.field(DSL.name("name"), String.class)).values(1, "a").values(2, "b").execute();
        assertThat(executor.dsl().deleteFrom(table).where(id.eq(1)).execute()).isEqualTo(1);
        assertThat(executor.dsl().fetchCount(table)).isEqualTo(1);
        assertThat(flags.includingDeleted(executor).dsl().fetchCount(table)).isEqualTo(2);
    }

    @MatrixTest
    void names_let_two_instances_coexist_and_be_bypassed_separately(TestDatabase db) {
        db.useTestSchema();
        SoftDeletePlugin users = SoftDeletePlugin.of(SoftDeleteOptions.builder().name("users-sd").tables("users").build());
        SoftDeletePlugin posts = SoftDeletePlugin.of(SoftDeleteOptions.builder().name("posts-sd").tables("posts").build());
        Executor executor = Executor.of(db.dsl(), users, posts);
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT).values("d@example.com", "d", NOW).execute();
        assertThat(executor.dsl().fetchCount(USERS)).isZero();
        assertThat(executor.withoutPlugin("posts-sd").dsl().fetchCount(USERS)).isZero();
        assertThat(executor.withoutPlugin("users-sd").dsl().fetchCount(USERS)).isEqualTo(1);
    }
}
