package dev.kysera.timestamps;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static dev.kysera.timestamps.Fixtures.T0;
import static dev.kysera.timestamps.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.executor.PluginConfigurationException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.Fixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Repositories through the executor, and the repository extension. */
class TimestampsRepositoryTest {

    record User(long id, String name, LocalDateTime createdAt, LocalDateTime updatedAt) {
    }

    record NewUser(String email, String name) {
    }

    static Repository<User, Long, NewUser, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME), r.get(USERS.CREATED_AT), r.get(USERS.UPDATED_AT)))
                .create((NewUser u) -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), u -> List.of())
                .build(executor);
    }

    private static NewUser newUser(String name) {
        return new NewUser(name + "@example.com", name);
    }

    private static List<String> names(List<User> users) {
        return users.stream().map(User::name).toList();
    }

    @MatrixTest
    void repository_writes_are_stamped_and_return_the_stamped_row(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        var users = users(Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).plugin()));

        User ann = users.create(newUser("ann"));
        assertThat(ann.createdAt()).isEqualTo(stored(db, T0));
        assertThat(ann.updatedAt()).isEqualTo(stored(db, T0));

        Instant t1 = clock.advance(Duration.ofMinutes(1));
        User renamed = users.update(ann.id(), Values.of(USERS.NAME, "Ann"));
        assertThat(renamed.createdAt()).isEqualTo(stored(db, T0));
        assertThat(renamed.updatedAt()).isEqualTo(stored(db, t1));

        Instant t2 = clock.advance(Duration.ofMinutes(1));
        List<User> many = users.createMany(List.of(newUser("b"), newUser("c")));
        assertThat(many).extracting(User::createdAt).containsOnly(stored(db, t2));
        assertThat(many).extracting(User::updatedAt).containsOnly(stored(db, t2));

        Instant t3 = clock.advance(Duration.ofMinutes(1));
        assertThat(users.updateMany(USERS.NAME.in("b", "c"), Values.of(USERS.STATUS, "suspended"))).isEqualTo(2);
        assertThat(users.findMany(USERS.NAME.in("b", "c"))).extracting(User::updatedAt).containsOnly(stored(db, t3));
        assertThat(users.findById(ann.id()).orElseThrow().updatedAt()).isEqualTo(stored(db, t1));

        Instant t4 = clock.advance(Duration.ofMinutes(1));
        User upserted = users.upsert(new NewUser("ann@example.com", "Ann again"), USERS.EMAIL);
        assertThat(upserted.id()).isEqualTo(ann.id());
        assertThat(upserted.createdAt()).isEqualTo(stored(db, T0));
        assertThat(upserted.updatedAt()).isEqualTo(stored(db, t4));
    }

    @MatrixTest
    void touch_sets_only_updated_at_and_reports_missing_rows(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        var users = users(Executor.of(db.dsl(), timestamps));
        RepositoryTimestamps<User, Long, NewUser, Values> stamps = users.extension(timestamps.repositoryKey());
        User ann = users.create(newUser("ann"));
        User bob = users.create(newUser("bob"));
        User cid = users.create(newUser("cid"));

        Instant t1 = clock.advance(Duration.ofMinutes(3));
        assertThat(stamps.touch(ann.id())).isTrue();
        User touched = users.findById(ann.id()).orElseThrow();
        assertThat(touched.updatedAt()).isEqualTo(stored(db, t1));
        assertThat(touched.createdAt()).isEqualTo(stored(db, T0));
        assertThat(touched.name()).isEqualTo("ann");
        assertThat(users.findById(bob.id()).orElseThrow().updatedAt()).isEqualTo(stored(db, T0));

        assertThat(stamps.touch(-1L)).isFalse();

        Instant t2 = clock.advance(Duration.ofMinutes(3));
        assertThat(stamps.touchAll(List.of(bob.id(), cid.id(), -5L))).isEqualTo(2);
        assertThat(stamps.touchAll(List.of())).isZero();
        assertThat(users.findByIds(List.of(bob.id(), cid.id()))).extracting(User::updatedAt).containsOnly(stored(db, t2));
        assertThat(users.findById(ann.id()).orElseThrow().updatedAt()).isEqualTo(stored(db, t1));
    }

    @MatrixTest
    void finders_compare_at_the_stored_precision_with_strict_and_inclusive_bounds(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        var users = users(Executor.of(db.dsl(), timestamps));
        RepositoryTimestamps<User, Long, NewUser, Values> stamps = users.extension(timestamps.repositoryKey());

        User a = users.create(newUser("a"));
        Instant t1 = clock.advance(Duration.ofSeconds(10));
        users.create(newUser("b"));
        Instant t2 = clock.advance(Duration.ofSeconds(10));
        users.create(newUser("c"));
        users.with(users.executor().withoutPlugin("timestamps")).create(newUser("never-stamped"));

        assertThat(names(stamps.findCreatedAfter(T0))).containsExactly("b", "c");
        assertThat(names(stamps.findCreatedBefore(t2))).containsExactly("a", "b");
        assertThat(names(stamps.findCreatedBetween(T0, t1))).containsExactly("a", "b");
        assertThat(names(stamps.findCreatedBetween(t1, t1))).containsExactly("b");
        assertThat(names(stamps.findCreatedBetween(T0, T0))).containsExactly("a");
        assertThat(stamps.findCreatedBetween(t2, T0)).isEmpty();
        assertThat(stamps.findCreatedAfter(t2)).isEmpty();

        assertThat(names(stamps.findRecentlyCreated(2))).containsExactly("c", "b");
        assertThat(names(stamps.findRecentlyCreated(10))).containsExactly("c", "b", "a");
        assertThat(stamps.findRecentlyCreated(0)).isEmpty();
        assertThatThrownBy(() -> stamps.findRecentlyCreated(-1)).isInstanceOf(IllegalArgumentException.class);

        Instant t3 = clock.advance(Duration.ofSeconds(10));
        stamps.touch(a.id());
        assertThat(names(stamps.findUpdatedAfter(t2))).containsExactly("a");
        assertThat(names(stamps.findUpdatedBefore(t3))).containsExactly("b", "c");
        assertThat(names(stamps.findUpdatedBetween(t1, t3))).containsExactly("b", "c", "a");
        assertThat(names(stamps.findUpdatedBetween(t3, t3))).containsExactly("a");
        assertThat(stamps.findUpdatedBetween(t3, t1)).isEmpty();
    }

    @MatrixTest
    void create_and_update_without_timestamps_bypass_only_this_plugin_for_that_call(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        var users = users(Executor.of(db.dsl(), timestamps));
        RepositoryTimestamps<User, Long, NewUser, Values> stamps = users.extension(timestamps.repositoryKey());

        User raw = stamps.createWithoutTimestamps(newUser("raw"));
        assertThat(raw.createdAt()).isNull();
        assertThat(raw.updatedAt()).isNull();

        User normal = users.create(newUser("normal"));
        assertThat(normal.createdAt()).isEqualTo(stored(db, T0));

        clock.advance(Duration.ofHours(1));
        User quiet = stamps.updateWithoutTimestamps(normal.id(), Values.of(USERS.NAME, "quiet"));
        assertThat(quiet.name()).isEqualTo("quiet");
        assertThat(quiet.updatedAt()).isEqualTo(stored(db, T0));

        // The repository itself is still stamped afterwards.
        User loud = users.update(normal.id(), Values.of(USERS.NAME, "loud"));
        assertThat(loud.updatedAt()).isEqualTo(stored(db, clock.instant()));
    }

    @MatrixTest
    void two_named_instances_stamp_their_own_tables_and_serve_their_own_repositories(TestDatabase db) {
        db.useTestSchema();
        TestClock userClock = new TestClock(T0);
        TestClock postClock = new TestClock(T0.plus(Duration.ofDays(365)));
        TimestampsPlugin userStamps = TimestampsOptions.builder().name("user-stamps").tables("users").clock(userClock).plugin();
        TimestampsPlugin postStamps = TimestampsOptions.builder().name("post-stamps").tables("posts").clock(postClock)
                .withoutUpdatedColumn().plugin();
        Executor executor = Executor.builder().dsl(db.dsl()).plugin(userStamps).plugin(postStamps).build();
        var users = users(executor);
        var posts = Repository.builder(POSTS, POSTS.ID).build(executor);

        User ann = users.create(newUser("ann"));
        var post = posts.create(Values.of(POSTS.USER_ID, ann.id()).set(POSTS.TITLE, "hello"));
        assertThat(ann.createdAt()).isEqualTo(stored(db, T0));
        assertThat(post.getCreatedAt()).isEqualTo(stored(db, postClock.instant()));
        assertThat(post.getUpdatedAt()).isNull();

        RepositoryTimestamps<User, Long, NewUser, Values> userExtension = users.extension(userStamps.repositoryKey());
        assertThat(userExtension.touch(ann.id())).isTrue();
        var postExtension = posts.extension(postStamps.repositoryKey());
        assertThat(postExtension.findRecentlyCreated(5)).hasSize(1);
        assertThatThrownBy(() -> postExtension.touch(post.getId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("post-stamps");
        assertThatThrownBy(() -> users.extension(postStamps.repositoryKey()))
                .isInstanceOf(PluginConfigurationException.class).hasMessageContaining("users");

        // Bypassing one instance leaves the other active.
        var withoutUsers = executor.withoutPlugin("user-stamps");
        User quiet = users.with(withoutUsers).create(newUser("quiet"));
        var quietPost = posts.with(withoutUsers).create(Values.of(POSTS.USER_ID, quiet.id()).set(POSTS.TITLE, "still stamped"));
        assertThat(quiet.createdAt()).isNull();
        assertThat(quietPost.getCreatedAt()).isEqualTo(stored(db, postClock.instant()));
    }

    @MatrixTest
    void the_extension_works_in_transactions_and_rolls_back_with_them(TestDatabase db) {
        db.useTestSchema();
        TestClock clock = new TestClock(T0);
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        Executor executor = Executor.of(db.dsl(), timestamps);
        var users = users(executor);
        User ann = users.create(newUser("ann"));

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> executor.transaction(tx -> {
            assertThat(users.with(tx).extension(timestamps.repositoryKey()).touch(ann.id())).isTrue();
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(users.findById(ann.id()).orElseThrow().updatedAt()).isEqualTo(stored(db, T0));

        executor.transaction(tx -> users.with(tx).extension(timestamps.repositoryKey()).touch(ann.id()));
        assertThat(users.findById(ann.id()).orElseThrow().updatedAt()).isEqualTo(stored(db, clock.instant()));
    }
}
