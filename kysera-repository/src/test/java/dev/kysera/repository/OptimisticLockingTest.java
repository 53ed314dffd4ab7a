package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.RepositoryTest.NewUser;
import dev.kysera.repository.RepositoryTest.User;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/** Every write path of a versioned repository increments the version; the checked ones refuse stale versions. */
class OptimisticLockingTest {

    private static Record3<String, String, Integer> stored(TestDatabase db, long id) {
        return db.dsl().select(USERS.NAME, USERS.STATUS, USERS.VERSION).from(USERS).where(USERS.ID.eq(id)).fetchOne();
    }

    @MatrixTest
    void every_write_path_increments_the_version(TestDatabase db) {
        var users = RepositoryTest.users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        assertThat(john.version()).isZero();
        assertThat(users.update(john.id(), Values.of(USERS.NAME, "John 1")).version()).isEqualTo(1);
        assertThat(users.updateMany(USERS.ID.eq(john.id()), Values.of(USERS.NAME, "John 2"))).isEqualTo(1);
        assertThat(stored(db, john.id()).value3()).isEqualTo(2);
        assertThat(users.transition(john.id(), USERS.STATUS, "active", "suspended").applied()).map(User::version).contains(3);
        var raw = Repository.builder(USERS, USERS.ID).version(USERS.VERSION).build(Executor.of(db.dsl()));
        assertThat(raw.upsert(Values.of(USERS.EMAIL, "john@example.com").set(USERS.NAME, "John 4"), USERS.EMAIL).getVersion())
                .isEqualTo(4);
        assertThat(users.update(john.id(), 4, Values.of(USERS.NAME, "John 5")).version()).isEqualTo(5);
        assertThat(stored(db, john.id()).intoList()).containsExactly("John 5", "suspended", 5);
    }

    @MatrixTest
    void writes_that_change_nothing_leave_the_version(TestDatabase db) {
        var users = RepositoryTest.users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        assertThat(users.updateMany(DSL.trueCondition(), Values.empty())).isZero();
        assertThat(users.update(john.id(), Values.empty())).isEqualTo(john);
        assertThat(users.update(john.id(), 0, Values.empty())).isEqualTo(john);
        assertThat(stored(db, john.id()).value3()).isZero();
    }

    @MatrixTest
    void new_rows_start_at_version_zero_without_a_column_default(TestDatabase db) {
        db.useTestSchema();
        var explicit = Repository.builder(USERS, USERS.ID).version(USERS.VERSION).build(Executor.of(db.dsl()));
        var rows = explicit.createMany(List.of(Values.of(USERS.EMAIL, "a@example.com").set(USERS.NAME, "A"),
                Values.of(USERS.EMAIL, "b@example.com").set(USERS.NAME, "B").set(USERS.VERSION, 7)));
        assertThat(rows).extracting(r -> r.getVersion()).containsExactly(0, 7);
    }

    @MatrixTest
    void stale_writes_are_refused_and_change_nothing(TestDatabase db) {
        var users = RepositoryTest.users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        users.update(john.id(), Values.of(USERS.NAME, "changed elsewhere"));
        assertThatThrownBy(() -> users.update(john.id(), 0, Values.of(USERS.NAME, "stale")))
                .isInstanceOf(OptimisticLockException.class)
                .satisfies(e -> assertThat(((OptimisticLockException) e).expectedVersion()).isZero());
        assertThatThrownBy(() -> users.delete(john.id(), 0)).isInstanceOf(OptimisticLockException.class);
        assertThat(stored(db, john.id()).intoList()).containsExactly("changed elsewhere", "active", 1);

        users.delete(john.id(), 1);
        assertThat(stored(db, john.id())).isNull();
        assertThatThrownBy(() -> users.delete(john.id(), 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.update(john.id(), 1, Values.of(USERS.NAME, "x"))).isInstanceOf(NotFoundException.class);
    }

    @MatrixTest
    void the_version_column_cannot_be_set_through_update_input(TestDatabase db) {
        var users = RepositoryTest.users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        Values rewind = Values.of(USERS.NAME, "x").set(USERS.VERSION, 0);
        assertThatThrownBy(() -> users.update(john.id(), rewind)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> users.updateMany(DSL.trueCondition(), rewind)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.transition(john.id(), USERS.STATUS, "active", "closed", rewind))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stored(db, john.id()).intoList()).containsExactly("John", "active", 0);
    }

    @MatrixTest
    void checked_writes_need_a_version_column(TestDatabase db) {
        db.useTestSchema();
        var plain = Repository.builder(USERS, USERS.ID).build(Executor.of(db.dsl()));
        assertThatThrownBy(() -> plain.update(1L, 0, Values.of(USERS.NAME, "x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> plain.delete(1L, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Repository.builder(USERS, USERS.ID).version(DSL.field("v", Double.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
