package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.ACCOUNTS;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.CheckConstraintException;
import dev.kysera.core.error.ForeignKeyException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.error.NotNullException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.executor.Executor;
import dev.kysera.repository.validation.ValidationSchema;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.AccountsRecord;
import dev.kysera.testsupport.schema.tables.records.SettingsRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;

class RepositoryTest {

    record User(long id, String email, String name, String status, int version) {
    }

    record NewUser(String email, String name) {
    }

    record PostTagId(long postId, long tagId) {
    }

    static final ValidationSchema<NewUser> NEW_USER = ValidationSchema.<NewUser, String>field("email", NewUser::email,
                    email -> email != null && email.contains("@"), "must be an e-mail address")
            .and(ValidationSchema.field("name", NewUser::name, name -> name != null && !name.isBlank(), "must not be blank"));

    static Repository<User, Long, NewUser, Values> users(TestDatabase db) {
        db.useTestSchema();
        return users(Executor.of(db.dsl()));
    }

    static Repository<User, Long, NewUser, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME), r.get(USERS.STATUS), r.get(USERS.VERSION)))
                .create((NewUser u) -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), NEW_USER)
                .version(USERS.VERSION)
                .build(executor);
    }

    static NewUser newUser(int i) {
        return new NewUser("user" + i + "@example.com", "User " + i);
    }

    @MatrixTest
    void create_returns_the_stored_row_with_generated_key_and_defaults(TestDatabase db) {
        var users = users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        assertThat(john.id()).isPositive();
        assertThat(john.status()).isEqualTo("active");
        assertThat(john.version()).isZero();
        assertThat(users.findById(john.id())).contains(john);
    }

    @MatrixTest
    void find_methods(TestDatabase db) {
        var users = users(db);
        List<User> created = users.createMany(List.of(newUser(1), newUser(2), newUser(3)));
        assertThat(created).extracting(User::name).containsExactly("User 1", "User 2", "User 3");
        assertThat(users.findById(-1L)).isEmpty();
        assertThat(users.findByIds(List.of(created.get(0).id(), created.get(2).id(), -5L)))
                .extracting(User::name).containsExactlyInAnyOrder("User 1", "User 3");
        assertThat(users.findByIds(List.of())).isEmpty();
        assertThat(users.findOne(USERS.NAME.like("User %"), USERS.NAME.desc())).map(User::name).contains("User 3");
        assertThat(users.findMany(USERS.NAME.ne("User 2"), 1, USERS.ID.asc())).extracting(User::name).containsExactly("User 1");
        assertThat(users.findAll(USERS.ID.desc())).hasSize(3).first().extracting(User::name).isEqualTo("User 3");
        assertThat(users.count()).isEqualTo(3);
        assertThat(users.count(USERS.NAME.eq("User 2"))).isEqualTo(1);
        assertThat(users.exists(USERS.NAME.eq("User 2"))).isTrue();
        assertThat(users.exists(USERS.NAME.eq("nobody"))).isFalse();
        assertThat(users.existsById(created.get(1).id())).isTrue();
    }

    @MatrixTest
    void partial_update_returns_the_updated_row_and_missing_rows_are_not_found(TestDatabase db) {
        var users = users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        User renamed = users.update(john.id(), Values.of(USERS.NAME, "Johnny"));
        assertThat(renamed.name()).isEqualTo("Johnny");
        assertThat(renamed.email()).isEqualTo("john@example.com");
        assertThatThrownBy(() -> users.update(9_999_999L, Values.of(USERS.NAME, "x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("users");
        assertThat(users.updateMany(USERS.NAME.eq("Johnny"), Values.of(USERS.STATUS, "suspended"))).isEqualTo(1);
    }

    @MatrixTest
    void delete_methods(TestDatabase db) {
        var users = users(db);
        List<User> created = users.createMany(List.of(newUser(1), newUser(2), newUser(3), newUser(4)));
        assertThat(users.delete(created.get(0).id())).isTrue();
        assertThat(users.delete(created.get(0).id())).isFalse();
        assertThat(users.deleteByIds(List.of(created.get(1).id(), created.get(2).id()))).isEqualTo(2);
        assertThat(users.deleteByIds(List.of())).isZero();
        assertThat(users.deleteMany(USERS.NAME.eq("User 4"))).isEqualTo(1);
        assertThat(users.count()).isZero();
    }

    @MatrixTest
    void failed_validation_reaches_no_database(TestDatabase db) {
        var users = users(db);
        assertThatThrownBy(() -> users.create(new NewUser("not-an-email", " ")))
                .isInstanceOf(ValidationFailedException.class)
                .satisfies(e -> assertThat(((ValidationFailedException) e).violations())
                        .extracting(ValidationFailedException.Violation::path).containsExactly("email", "name"));
        assertThatThrownBy(() -> users.createMany(List.of(newUser(1), new NewUser("bad", "x"))))
                .isInstanceOf(ValidationFailedException.class);
        assertThat(users.count()).isZero();
    }

    @MatrixTest
    void one_bad_row_in_create_many_inserts_nothing(TestDatabase db) {
        var users = users(db);
        List<NewUser> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(newUser(i));
        }
        batch.add(newUser(7)); // duplicate e-mail: the database rejects it
        assertThatThrownBy(() -> users.createMany(batch)).isInstanceOf(UniqueConstraintException.class);
        assertThat(users.count()).isZero();
    }

    @MatrixTest
    void create_many_of_ten_thousand_rows_in_input_order(TestDatabase db) {
        var users = users(db);
        List<NewUser> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(newUser(i));
        }
        List<User> created = users.createMany(batch);
        assertThat(created).hasSize(10_000);
        for (int i = 0; i < created.size(); i += 997) {
            assertThat(created.get(i).email()).isEqualTo("user" + i + "@example.com");
        }
        assertThat(users.count()).isEqualTo(10_000);
    }

    @MatrixTest
    void every_constraint_violation_has_its_typed_error(TestDatabase db) {
        var users = users(db);
        users.create(new NewUser("taken@example.com", "Taken"));
        assertThatThrownBy(() -> users.create(new NewUser("taken@example.com", "Again"))).isInstanceOf(UniqueConstraintException.class);
        var raw = Repository.builder(USERS, USERS.ID).build(Executor.of(db.dsl()));
        assertThatThrownBy(() -> raw.create(Values.of(USERS.EMAIL, "n@example.com").set(USERS.NAME, null)))
                .isInstanceOf(NotNullException.class);
        assertThatThrownBy(() -> raw.create(Values.of(USERS.EMAIL, "c@example.com").set(USERS.NAME, "c").set(USERS.STATUS, "bogus")))
                .isInstanceOf(CheckConstraintException.class);
        var posts = Repository.builder(POSTS, POSTS.ID).build(Executor.of(db.dsl()));
        assertThatThrownBy(() -> posts.create(Values.of(POSTS.USER_ID, 987_654L).set(POSTS.TITLE, "orphan")))
                .isInstanceOf(ForeignKeyException.class);
    }

    @MatrixTest
    void uuid_string_and_composite_keys(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());
        Repository<AccountsRecord, UUID, Values, Values> accounts = Repository.builder(ACCOUNTS, ACCOUNTS.ID).build(executor);
        UUID id = UUID.randomUUID();
        AccountsRecord account = accounts.create(Values.of(ACCOUNTS.ID, id).set(ACCOUNTS.OWNER, "ann"));
        assertThat(account.getId()).isEqualTo(id);
        assertThat(account.getBalance()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(accounts.findById(id)).isPresent();

        Repository<SettingsRecord, String, Values, Values> settings = Repository.builder(SETTINGS, SETTINGS.SETTING_KEY).build(executor);
        settings.create(Values.of(SETTINGS.SETTING_KEY, "theme").set(SETTINGS.SETTING_VALUE, "dark"));
        assertThat(settings.update("theme", Values.of(SETTINGS.SETTING_VALUE, "light")).getSettingValue()).isEqualTo("light");

        var users = users(executor);
        User ann = users.create(new NewUser("ann@example.com", "Ann"));
        long post = db.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(ann.id(), "p").returningResult(POSTS.ID).fetchOne().value1();
        long tag1 = db.dsl().insertInto(TAGS, TAGS.NAME).values("t1").returningResult(TAGS.ID).fetchOne().value1();
        long tag2 = db.dsl().insertInto(TAGS, TAGS.NAME).values("t2").returningResult(TAGS.ID).fetchOne().value1();
        PrimaryKey<PostTagId> key = PrimaryKey.composite(r -> new PostTagId(r.get(POST_TAGS.POST_ID), r.get(POST_TAGS.TAG_ID)),
                k -> POST_TAGS.POST_ID.eq(k.postId()).and(POST_TAGS.TAG_ID.eq(k.tagId())), POST_TAGS.POST_ID, POST_TAGS.TAG_ID);
        var postTags = Repository.builder(POST_TAGS, key).mapper(key::read).build(executor);
        postTags.createMany(List.of(Values.of(POST_TAGS.POST_ID, post).set(POST_TAGS.TAG_ID, tag1),
                Values.of(POST_TAGS.POST_ID, post).set(POST_TAGS.TAG_ID, tag2)));
        assertThat(postTags.findById(new PostTagId(post, tag1))).contains(new PostTagId(post, tag1));
        assertThat(postTags.findByIds(List.of(new PostTagId(post, tag2), new PostTagId(post, -1)))).containsExactly(new PostTagId(post, tag2));
        assertThat(postTags.delete(new PostTagId(post, tag1))).isTrue();
        assertThat(postTags.findById(new PostTagId(post, tag1))).isEmpty();
    }

    @MatrixTest
    void upsert_inserts_then_updates(TestDatabase db) {
        db.useTestSchema();
        var raw = Repository.builder(USERS, USERS.ID).build(Executor.of(db.dsl()));
        var first = raw.upsert(Values.of(USERS.EMAIL, "u@example.com").set(USERS.NAME, "first"), USERS.EMAIL);
        var second = raw.upsert(Values.of(USERS.EMAIL, "u@example.com").set(USERS.NAME, "second"), USERS.EMAIL);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getName()).isEqualTo("second");
        assertThat(raw.count()).isEqualTo(1);
        var settings = Repository.builder(SETTINGS, SETTINGS.SETTING_KEY).build(Executor.of(db.dsl()));
        settings.create(Values.of(SETTINGS.SETTING_KEY, "k").set(SETTINGS.SETTING_VALUE, "kept"));
        assertThat(settings.upsert(Values.of(SETTINGS.SETTING_KEY, "k"), SETTINGS.SETTING_KEY).getSettingValue()).isEqualTo("kept");
    }

    @MatrixTest
    void optimistic_locking_detects_a_stale_version(TestDatabase db) {
        var users = users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        User v1 = users.update(john.id(), 0, Values.of(USERS.NAME, "John 1"));
        assertThat(v1.version()).isEqualTo(1);
        assertThatThrownBy(() -> users.update(john.id(), 0, Values.of(USERS.NAME, "stale")))
                .isInstanceOf(OptimisticLockException.class).extracting("code").isEqualTo(OptimisticLockException.CODE);
        assertThat(users.findById(john.id())).map(User::name).contains("John 1");
        assertThatThrownBy(() -> users.update(123_456L, 0, Values.of(USERS.NAME, "x"))).isInstanceOf(NotFoundException.class);
    }

    @MatrixTest
    void transition_is_compare_and_set(TestDatabase db) {
        var users = users(db);
        User john = users.create(new NewUser("john@example.com", "John"));
        assertThat(users.transition(john.id(), USERS.STATUS, "suspended", "closed"))
                .isEqualTo(new TransitionResult.Rejected<>(john));
        User suspended = new User(john.id(), john.email(), "Suspended John", "suspended", 1);
        assertThat(users.transition(john.id(), USERS.STATUS, "active", "suspended", Values.of(USERS.NAME, "Suspended John")))
                .isEqualTo(new TransitionResult.Applied<>(suspended));
        assertThat(users.transition(john.id(), USERS.STATUS, "active", "closed"))
                .isEqualTo(new TransitionResult.Rejected<>(suspended))
                .extracting(TransitionResult::applied).isEqualTo(java.util.Optional.empty());
        assertThat(users.transition(9_999_999L, USERS.STATUS, "active", "closed")).isEqualTo(new TransitionResult.NotFound<>());
        assertThat(users.findAll()).containsExactly(suspended);
    }

    @MatrixTest
    void a_table_without_column_metadata_needs_its_columns_at_build_time(TestDatabase db) {
        db.useTestSchema();
        var table = DSL.table(DSL.name("users"));
        var id = DSL.field(DSL.name("id"), Long.class);
        var email = DSL.field(DSL.name("email"), String.class);
        var name = DSL.field(DSL.name("name"), String.class);
        var builder = Repository.builder(table, id);
        assertThatThrownBy(() -> builder.build(Executor.of(db.dsl())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users").hasMessageContaining("select(").hasMessageContaining("[id]");
        var named = builder.select(id, email, name).mapper(r -> r.get(name) + " <" + r.get(email) + ">").build(Executor.of(db.dsl()));
        assertThat(named.create(Values.of(email, "dyn@example.com").set(name, "Dyn"))).isEqualTo("Dyn <dyn@example.com>");
        assertThat(named.findAll()).containsExactly("Dyn <dyn@example.com>");
    }

    @MatrixTest
    void a_repository_bound_to_a_transaction_rolls_back_with_it(TestDatabase db) {
        var users = users(db);
        assertThatThrownBy(() -> users.executor().transaction(tx -> {
            users.with(tx).create(newUser(1));
            assertThat(users.with(tx).count()).isEqualTo(1);
            throw new IllegalStateException("rollback");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(users.count()).isZero();
        assertThat(DSL.using(db.dataSource(), db.dialect()).fetchCount(USERS)).isZero();
    }
}
