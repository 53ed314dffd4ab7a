package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.POSTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditRestoreException;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.debug.LogEntry;
import dev.kysera.examples.AppMigrations;
import dev.kysera.migrations.MigrationStatus;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.core.filter.InvalidParameterException;
import dev.kysera.softdelete.RecordNotDeletedException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The blog end to end on SQLite, H2, PostgreSQL and MariaDB: every service through the real
 * executor and plugins, checked against the rows in the tables. Timestamps come from a fixed
 * clock, so they are asserted exactly.
 */
class BlogAppTest {

    static final byte[] SECRET = "a test secret of at least 32 bytes!!".getBytes(StandardCharsets.UTF_8);

    static final LocalDateTime NOW = LocalDateTime.of(2026, 4, 5, 6, 7, 8);

    private final List<LogEntry> queryLog = new CopyOnWriteArrayList<>();

    private BlogApp start(TestDatabase db) {
        BlogApp app = BlogApp.start(db.dataSource(), db.dialect(), SECRET, queryLog::add, Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        db.deleteAllRows(List.of("users", "posts", "comments"));
        db.deleteAllRows(List.of(BlogApp.AUDIT_TABLE));
        return app;
    }

    @MatrixTest
    void posts_are_written_published_paged_searched_deleted_restored_and_audited(TestDatabase db) {
        try (BlogApp app = start(db)) {
            User annUser = app.guest().users().register(new NewUser("ann@example.com", "Ann"));
            User moderator = app.guest().users().register(new NewUser("mod@example.com", "moderator"));
            assertThat(annUser.createdAt()).as("stamped by the timestamps plugin").isEqualTo(NOW);
            assertThat(annUser.updatedAt()).isEqualTo(NOW);
            BlogApp.Blog ann = app.as(annUser);

            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Post draft = ann.posts().write(new NewPost(annUser.id(), "Tip " + i, "About jOOQ, part " + i));
                assertThat(draft.published()).isFalse();
                ids.add(ann.posts().publish(draft.id()).id());
            }
            Post draft = ann.posts().write(new NewPost(annUser.id(), "Unpublished", "jOOQ draft"));
            assertThat(ann.posts().publish(ids.get(0)).published()).as("publishing twice is harmless").isTrue();

            // The feed: published only, newest first, two per page, signed cursors.
            CursorPage<Post> first = ann.posts().feed(Map.of("limit", List.of("2")));
            assertThat(first.content()).extracting(Post::title).containsExactly("Tip 5", "Tip 4");
            CursorPage<Post> second = ann.posts().feed(Map.of("limit", List.of("2"), "cursor", List.of(first.nextCursor().orElseThrow())));
            assertThat(second.content()).extracting(Post::title).containsExactly("Tip 3", "Tip 2");
            CursorPage<Post> third = ann.posts().feed(Map.of("limit", List.of("2"), "cursor", List.of(second.nextCursor().orElseThrow())));
            assertThat(third.content()).extracting(Post::title).containsExactly("Tip 1");
            assertThat(third.nextCursor()).isEmpty();
            assertThat(ann.posts().feed(Map.of("title[contains]", List.of("3"), "sort", List.of("title")))
                    .content()).extracting(Post::title).containsExactly("Tip 3");
            assertThat(ann.posts().feed(Map.of("created_at[gte]", List.of("2000-01-01T00:00:00"), "limit", List.of("50"))).content()).hasSize(5);
            assertThat(ann.posts().feed(Map.of("created_at[lt]", List.of("2000-01-01T00:00:00"))).content()).isEmpty();
            assertThat(ann.posts().feed(Map.of("user_id", List.of(String.valueOf(annUser.id())), "sort", List.of("id"), "limit", List.of("1")))
                    .content()).extracting(Post::title).containsExactly("Tip 1");

            // Search: published posts only, by title or body, case-insensitive.
            assertThat(ann.posts().search("JOOQ, PART 2", 10)).containsExactly(new SearchHit(ids.get(1), "Tip 2", "Ann"));
            assertThat(ann.posts().search("jooq", 10)).extracting(SearchHit::title).doesNotContain("Unpublished").hasSize(5);

            // Edit, soft delete, restore: the row stays, the reads hide it, the history tells all.
            ann.posts().edit(ids.get(0), new PostEdit("Tip 1, revised", "Revised"));
            app.asAdmin(moderator).posts().delete(ids.get(0));
            assertThat(db.dsl().fetchCount(POSTS)).as("a soft delete keeps the row").isEqualTo(6);
            assertThat(db.dsl().select(POSTS.ID, POSTS.DELETED_AT).from(POSTS).where(POSTS.DELETED_AT.isNotNull()).fetch()
                    .map(r -> List.of(r.value1(), r.value2()))).containsExactly(List.of(ids.get(0), NOW));
            assertThat(ann.posts().find(ids.get(0))).isEmpty();
            assertThat(ann.posts().search("revised", 10)).isEmpty();
            assertThat(ann.posts().deletedBy(annUser.id())).extracting(Post::title).containsExactly("Tip 1, revised");
            assertThat(ann.posts().restore(ids.get(0)).title()).isEqualTo("Tip 1, revised");
            assertThat(ann.posts().feed(Map.of()).content()).hasSize(5);

            List<AuditEntry> history = ann.posts().history(ids.get(0));
            assertThat(history).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE,
                    AuditOperation.UPDATE, AuditOperation.SOFT_DELETE, AuditOperation.RESTORE);
            assertThat(history).extracting(AuditEntry::changedBy).containsExactly("Ann", "Ann", "Ann", "moderator", "Ann");
            assertThat(history.get(1).changedColumns()).contains("published");
            assertThat(history.get(2).changedColumns()).contains("title", "body");
            assertThat(history.get(2).newValues()).containsEntry("title", "Tip 1, revised");

            // Undo the edit from the history; the revert is audited too.
            Post reverted = ann.posts().revert(ids.get(0), history.get(2).id());
            assertThat(reverted.title()).isEqualTo("Tip 1");
            assertThat(db.dsl().select(POSTS.TITLE).from(POSTS).where(POSTS.ID.eq(ids.get(0))).fetchOne().value1()).isEqualTo("Tip 1");
            assertThat(ann.posts().history(ids.get(0))).hasSize(6);
            assertThatThrownBy(() -> ann.posts().revert(ids.get(0), history.get(0).id())).as("a creation has no earlier version")
                    .isInstanceOf(AuditRestoreException.class);
            assertThatThrownBy(() -> ann.posts().revert(draft.id(), history.get(2).id())).as("an entry of another post")
                    .isInstanceOf(AuditRestoreException.class);
            assertThat(ann.posts().history(ids.get(0))).as("refused reverts write nothing").hasSize(6);
            assertThat(ann.posts().history(draft.id())).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
        }
    }

    @MatrixTest
    void comments_and_users_soft_delete_and_restore_through_every_read(TestDatabase db) {
        try (BlogApp app = start(db)) {
            User ann = app.guest().users().register(new NewUser("ann@example.com", "Ann"));
            User bob = app.guest().users().register(new NewUser("bob@example.com", "Bob"));
            BlogApp.Blog blog = app.as(ann);
            BlogApp.Blog asBob = app.as(bob);
            Post post = blog.posts().publish(blog.posts().write(new NewPost(ann.id(), "Hello", "World")).id());
            Comment fromBob = asBob.comments().add(new NewComment(post.id(), bob.id(), "Nice"));
            Comment fromAnn = blog.comments().add(new NewComment(post.id(), ann.id(), "Thanks"));
            assertThat(blog.comments().forPost(post.id())).containsExactly(fromBob, fromAnn);
            assertThat(blog.posts().commentCounts(List.of(post.id()))).isEqualTo(Map.of(post.id(), 2));

            blog.comments().delete(fromAnn.id());
            assertThat(blog.comments().forPost(post.id())).containsExactly(fromBob);
            assertThat(blog.posts().commentCounts(List.of(post.id()))).isEqualTo(Map.of(post.id(), 1));
            assertThat(blog.comments().restore(fromAnn.id())).isEqualTo(fromAnn);
            assertThatThrownBy(() -> blog.comments().restore(fromAnn.id())).isInstanceOf(RecordNotDeletedException.class);

            // A deactivated user's comments disappear (a filtered subquery), and come back with them.
            asBob.users().deactivate(bob.id());
            assertThat(blog.users().findByEmail("bob@example.com")).isEmpty();
            assertThat(blog.comments().forPost(post.id())).containsExactly(fromAnn);
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);
            // The e-mail of a deactivated account is free again; reactivating the old one then collides.
            User newBob = app.guest().users().register(new NewUser("bob@example.com", "Bob again"));
            assertThatThrownBy(() -> asBob.users().reactivate(bob.id())).isInstanceOf(UniqueConstraintException.class);
            app.as(newBob).users().deactivate(newBob.id());
            assertThat(asBob.users().reactivate(bob.id()).name()).isEqualTo("Bob");
            assertThat(blog.comments().forPost(post.id())).containsExactly(fromBob, fromAnn);

            // Comments on a deleted post are refused; its comments are hidden with it.
            blog.posts().delete(post.id());
            assertThatThrownBy(() -> blog.comments().add(new NewComment(post.id(), ann.id(), "Late")))
                    .isInstanceOf(NotFoundException.class);
            assertThat(db.dsl().fetchCount(COMMENTS)).isEqualTo(2);
            assertThat(blog.users().rename(ann.id(), "Ann B.").name()).isEqualTo("Ann B.");
        }
    }

    @MatrixTest
    void bad_input_gets_typed_errors_and_writes_nothing(TestDatabase db) {
        try (BlogApp app = start(db)) {
            User ann = app.guest().users().register(new NewUser("ann@example.com", "Ann"));
            BlogApp.Blog blog = app.as(ann);
            Post post = blog.posts().publish(blog.posts().write(new NewPost(ann.id(), "Hello", "World")).id());
            blog.posts().publish(blog.posts().write(new NewPost(ann.id(), "Second", "World")).id());

            assertThatThrownBy(() -> blog.users().register(new NewUser("not an e-mail", " ")))
                    .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.getMessage()).contains("2 violations"));
            assertThatThrownBy(() -> blog.users().register(new NewUser("ann@example.com", "Other Ann"))).isInstanceOf(UniqueConstraintException.class);
            assertThatThrownBy(() -> blog.posts().write(new NewPost(ann.id(), "", "body"))).isInstanceOf(ValidationFailedException.class);
            assertThatThrownBy(() -> blog.posts().edit(post.id(), new PostEdit("ok", " "))).isInstanceOf(ValidationFailedException.class);
            assertThatThrownBy(() -> blog.posts().publish(999_999L)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> blog.posts().restore(post.id())).isInstanceOf(RecordNotDeletedException.class);
            assertThatThrownBy(() -> blog.comments().add(new NewComment(post.id(), ann.id(), "x".repeat(2001))))
                    .isInstanceOf(ValidationFailedException.class);

            assertThatThrownBy(() -> blog.posts().feed(Map.of("sort", List.of("body"))))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("sort"));
            assertThatThrownBy(() -> blog.posts().feed(Map.of("limit", List.of("500"))))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
            assertThatThrownBy(() -> blog.posts().feed(Map.of("user_id[like]", List.of("1"))))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("user_id[like]"));
            String cursor = blog.posts().feed(Map.of("limit", List.of("1"))).nextCursor().orElseThrow();
            String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("AA") ? "BB" : "AA");
            assertThatThrownBy(() -> blog.posts().feed(Map.of("limit", List.of("1"), "cursor", List.of(tampered))))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
            assertThatThrownBy(() -> blog.posts().search(" ", 10)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> blog.posts().search("x", 0)).isInstanceOf(BadRequestException.class);

            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(1);
            assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(2);
            assertThat(db.dsl().select(POSTS.BODY).from(POSTS).where(POSTS.ID.eq(post.id())).fetchOne().value1()).isEqualTo("World");
            assertThat(db.dsl().fetchCount(COMMENTS)).isZero();
        }
    }

    @MatrixTest
    void the_query_log_and_the_profiler_see_every_statement_after_the_plugins(TestDatabase db) {
        try (BlogApp app = start(db)) {
            queryLog.clear();
            app.profiler().reset();
            User ann = app.guest().users().register(new NewUser("ann@example.com", "Ann"));
            BlogApp.Blog blog = app.as(ann);
            blog.users().findByEmail("ann@example.com");
            blog.posts().write(new NewPost(ann.id(), "Hello", "World"));

            assertThat(queryLog).isNotEmpty();
            assertThat(queryLog).extracting(LogEntry::message).as("e-mails never reach the log").noneMatch(m -> m.contains("ann@example.com"));
            // (H2 reads an insert's row back as "select … from final table (insert …)": not a lookup.)
            LogEntry lookup = queryLog.stream().filter(e -> e.sql().getFirst().toLowerCase().startsWith("select")
                    && !e.sql().getFirst().contains("final table")
                    && e.binds().stream().flatMap(List::stream).anyMatch("<redacted>"::equals)).findFirst().orElseThrow();
            assertThat(lookup.sql().getFirst()).as("soft delete's filter is in the SQL that ran").contains("deleted_at").contains("is null");
            assertThat(lookup.changedBy()).contains("soft-delete");
            String report = app.profileReport();
            assertThat(report).contains("insert into").contains("select");
            assertThat(app.profiler().snapshot().totalCount()).as("one execution per logged statement").isEqualTo(queryLog.size());
        }
    }

    @MatrixTest
    void starting_again_migrates_nothing_and_keeps_the_data(TestDatabase db) {
        try (BlogApp app = start(db)) {
            app.guest().users().register(new NewUser("ann@example.com", "Ann"));
        }
        try (BlogApp again = BlogApp.start(db.dataSource(), db.dialect(), SECRET, queryLog::add)) {
            assertThat(again.guest().users().findByEmail("ann@example.com")).map(User::name).contains("Ann");
        }
        MigrationStatus status = AppMigrations.migrator(db.dataSource(), db.dialect(), "blog", BlogApp.AUDIT_TABLE).status();
        assertThat(status.pending()).isEmpty();
        assertThat(status.current()).contains(MigrationVersion.of("2"));
        assertThatThrownBy(() -> AppMigrations.migrator(db.dataSource(), db.dialect(), "Blog!", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Blog!'");
    }
}
