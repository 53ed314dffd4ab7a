package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Repositories run through the executor: plugin filters and typed extensions apply, also in transactions. */
class RepositoryPluginTest {

    /** What the test plugin adds to repositories. */
    interface Archive {
        int archive(Object id);
    }

    static final Extension.Key<Repository<?, ?, ?, ?>, Archive> ARCHIVE = Extension.Key.of("archive");

    /** Hides archived (deleted_at set) users and offers archive(id) to repositories. */
    static final class Archiving implements Plugin {
        @Override
        public String name() {
            return "archiving";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(table.field("deleted_at").isNull()));
        }

        @Override
        public List<Extension<?, ?>> extensions() {
            return List.of(new Extension<>(ARCHIVE, (Repository<?, ?, ?, ?> repository) -> id -> repository.executor().dsl()
                    .update(USERS).set(USERS.DELETED_AT, LocalDateTime.of(2026, 1, 1, 0, 0)).where(USERS.ID.eq((Long) id)).execute()));
        }
    }

    @MatrixTest
    void plugin_filters_and_extensions_apply_to_repositories_in_and_out_of_transactions(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl(), new Archiving());
        var users = RepositoryTest.users(executor);
        RepositoryTest.User john = users.create(new RepositoryTest.NewUser("john@example.com", "John"));
        users.create(new RepositoryTest.NewUser("jane@example.com", "Jane"));

        Archive archive = users.extension(ARCHIVE);
        assertThat(archive.archive(john.id())).isEqualTo(1);
        assertThat(users.findById(john.id())).isEmpty();
        assertThat(users.count()).isEqualTo(1);
        assertThat(users.with(executor.withoutPlugin("archiving")).count()).isEqualTo(2);

        assertThatThrownBy(() -> executor.transaction(tx -> {
            var inTx = users.with(tx);
            assertThat(inTx.count()).isEqualTo(1);
            Long jane = inTx.findAll().getFirst().id();
            assertThat(inTx.extension(ARCHIVE).archive(jane)).as("the extension of a bound repository works in its transaction")
                    .isEqualTo(1);
            assertThat(inTx.count()).isZero();
            throw new IllegalStateException("roll back");
        })).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(users.count()).as("the archive went with the rollback").isEqualTo(1);
    }

    /** Lets everyone read users but change only those not named "Frozen", as row-level security may. */
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
                    : Optional.of(table.field("name", org.jooq.impl.SQLDataType.VARCHAR).ne("Frozen")));
        }
    }

    @MatrixTest
    void a_transition_a_plugin_keeps_off_a_readable_row_is_not_found_not_rejected(TestDatabase db) {
        db.useTestSchema();
        var users = RepositoryTest.users(Executor.of(db.dsl(), new Freezing()));
        RepositoryTest.User frozen = users.create(new RepositoryTest.NewUser("frozen@example.com", "Frozen"));
        RepositoryTest.User thawed = users.create(new RepositoryTest.NewUser("thawed@example.com", "Thawed"));
        assertThat(users.transition(frozen.id(), USERS.STATUS, "active", "suspended")).isEqualTo(new TransitionResult.NotFound<>());
        // The refused transition's read is FOR UPDATE, which a row the plugin keeps updates off cannot be
        // (as under PostgreSQL's native policies); SQLite has no FOR UPDATE, so there the row is read.
        assertThat(users.transition(frozen.id(), USERS.STATUS, "closed", "suspended")).isEqualTo(
                db.engine() == dev.kysera.testsupport.Engine.SQLITE ? new TransitionResult.Rejected<>(frozen) : new TransitionResult.NotFound<>());
        assertThat(users.transition(thawed.id(), USERS.STATUS, "active", "suspended").applied()).map(RepositoryTest.User::status)
                .contains("suspended");
        assertThat(users.findById(frozen.id())).contains(frozen);
    }

    @MatrixTest
    void a_container_unit_of_work_commits_or_rolls_back_every_repository_together(TestDatabase db) {
        db.useTestSchema();
        Repositories repositories = Repositories.of(Executor.of(db.dsl(), new Archiving()));
        var users = RepositoryTest.users(repositories.executor());
        var posts = repositories.build(Repository.builder(dev.kysera.testsupport.schema.Tables.POSTS,
                dev.kysera.testsupport.schema.Tables.POSTS.ID));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repositories.transaction(tx -> {
            RepositoryTest.User u = tx.bind(users).create(new RepositoryTest.NewUser("a@example.com", "A"));
            tx.bind(posts).create(Values.of(dev.kysera.testsupport.schema.Tables.POSTS.USER_ID, u.id())
                    .set(dev.kysera.testsupport.schema.Tables.POSTS.TITLE, "first"));
            throw new IllegalStateException("undo both");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(users.count()).isZero();
        assertThat(posts.count()).isZero();
        long userId = repositories.transactionResult(tx -> tx.bind(users).create(new RepositoryTest.NewUser("b@example.com", "B")).id());
        assertThat(users.findById(userId)).isPresent();
    }

    @MatrixTest
    void an_unbound_repository_used_inside_a_transaction_joins_it(TestDatabase db) {
        db.useTestSchema();
        Repositories repositories = Repositories.of(Executor.builder().dataSource(db.dataSource(), db.dialect()).build());
        var users = RepositoryTest.users(repositories.executor());
        var posts = repositories.build(Repository.builder(dev.kysera.testsupport.schema.Tables.POSTS,
                dev.kysera.testsupport.schema.Tables.POSTS.ID));
        // Not re-bound with tx.bind(…): the parent row is visible to it (same connection), and it rolls back with the block.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repositories.transaction(tx -> {
            RepositoryTest.User u = tx.bind(users).create(new RepositoryTest.NewUser("a@example.com", "A"));
            posts.create(Values.of(dev.kysera.testsupport.schema.Tables.POSTS.USER_ID, u.id())
                    .set(dev.kysera.testsupport.schema.Tables.POSTS.TITLE, "first"));
            assertThat(users.count()).isEqualTo(1);
            throw new IllegalStateException("undo both");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(users.count()).isZero();
        assertThat(posts.count()).isZero();
    }
}
