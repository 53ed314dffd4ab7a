package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.POSTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.audit.AuditEntry;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.rls.RlsAccessDeniedException;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;

/**
 * Who may change what ({@link BlogPolicies}), on every database: another user's writes match no
 * row (the service reports not found) or are refused with {@link RlsAccessDeniedException}, and
 * leave every table as it was; authors, post authors and admins do what they may.
 */
class BlogAuthorisationTest {

    /** Ann's published post with Bob's and Ann's comments, Ann's draft and deleted post, Bob's post with Ann's comment. */
    private record Fixture(User ann, User bob, User moderator, Post annsPost, Post annsDraft, Post annsDeleted, Post bobsPost,
                           Comment bobOnAnns, Comment annOnAnns, Comment annOnBobs) {
    }

    private static Fixture fixture(BlogApp app) {
        User ann = app.guest().users().register(new NewUser("ann@example.com", "Ann"));
        User bob = app.guest().users().register(new NewUser("bob@example.com", "Bob"));
        User moderator = app.guest().users().register(new NewUser("mod@example.com", "Mod"));
        BlogApp.Blog asAnn = app.as(ann);
        BlogApp.Blog asBob = app.as(bob);
        Post annsPost = asAnn.posts().publish(asAnn.posts().write(new NewPost(ann.id(), "Ann's", "Mine")).id());
        Post annsDraft = asAnn.posts().write(new NewPost(ann.id(), "Ann's draft", "Not yet"));
        Post annsDeleted = asAnn.posts().write(new NewPost(ann.id(), "Ann's old", "Gone"));
        asAnn.posts().delete(annsDeleted.id());
        Post bobsPost = asBob.posts().publish(asBob.posts().write(new NewPost(bob.id(), "Bob's", "His")).id());
        return new Fixture(ann, bob, moderator, annsPost, annsDraft, annsDeleted, bobsPost,
                asBob.comments().add(new NewComment(annsPost.id(), bob.id(), "Bob on Ann's")),
                asAnn.comments().add(new NewComment(annsPost.id(), ann.id(), "Ann on Ann's")),
                asAnn.comments().add(new NewComment(bobsPost.id(), ann.id(), "Ann on Bob's")));
    }

    private static BlogApp start(TestDatabase db) {
        BlogApp app = BlogApp.start(db.dataSource(), db.dialect(), BlogAppTest.SECRET, entry -> { });
        db.deleteAllRows(List.of("users", "posts", "comments", BlogApp.AUDIT_TABLE));
        return app;
    }

    private static List<Result<Record>> everyTable(TestDatabase db) {
        return List.of(rows(db, USERS, USERS.ID), rows(db, POSTS, POSTS.ID), rows(db, COMMENTS, COMMENTS.ID),
                db.dsl().select().from(BlogApp.AUDIT_TABLE).orderBy(1).fetch());
    }

    private static Result<Record> rows(TestDatabase db, Table<?> table, Field<Long> id) {
        return db.dsl().select().from(table).orderBy(id).fetch();
    }

    @MatrixTest
    void another_users_writes_change_no_row_or_are_refused_and_leave_every_table_as_it_was(TestDatabase db) {
        try (BlogApp app = start(db)) {
            Fixture f = fixture(app);
            BlogApp.Blog asBob = app.as(f.bob());
            List<Result<Record>> before = everyTable(db);

            // Through the services: Ann's post is visible to Bob, but no statement of his matches it.
            assertThatThrownBy(() -> asBob.posts().edit(f.annsPost().id(), new PostEdit("Bob's now", "Taken")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.posts().publish(f.annsDraft().id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.posts().delete(f.annsPost().id())).isInstanceOf(NotFoundException.class);
            // Refused in SQL (the UPDATE matches no row): a deleted row the caller may not change is not found.
            assertThatThrownBy(() -> asBob.posts().restore(f.annsDeleted().id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.comments().delete(f.annOnAnns().id())).as("Ann's comment on Ann's post")
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.users().rename(f.ann().id(), "Bob")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.users().deactivate(f.ann().id())).isInstanceOf(NotFoundException.class);
            // Writing another user's id is refused outright, as is every write of a guest.
            assertThatThrownBy(() -> asBob.posts().write(new NewPost(f.ann().id(), "By Ann?", "No")))
                    .isInstanceOf(RlsAccessDeniedException.class);
            assertThatThrownBy(() -> asBob.comments().add(new NewComment(f.annsPost().id(), f.ann().id(), "By Ann?")))
                    .isInstanceOf(RlsAccessDeniedException.class);
            assertThatThrownBy(() -> app.guest().posts().write(new NewPost(f.ann().id(), "Anonymous", "No")))
                    .isInstanceOf(RlsAccessDeniedException.class);

            // Hand-written jOOQ on Bob's executor (in transactions, as the audit of posts requires): the same policies, in the statement itself.
            Executor bob = app.executor().with(RlsPlugin.CONTEXT, RlsContext.user(f.bob().id()));
            int all = bob.transactionResult(tx -> tx.dsl().update(POSTS).set(POSTS.TITLE, "Bob's now").execute());
            assertThat(all).as("every post: only his own match").isEqualTo(1);
            int annsUpdated = bob.transactionResult(tx -> tx.dsl().update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(f.annsPost().id())).execute());
            assertThat(annsUpdated).isZero();
            int annsDeleted = bob.transactionResult(tx -> tx.dsl().deleteFrom(POSTS).where(POSTS.ID.eq(f.annsPost().id())).execute());
            assertThat(annsDeleted).isZero();
            assertThat(bob.dsl().deleteFrom(COMMENTS).where(COMMENTS.ID.eq(f.annOnAnns().id())).execute()).isZero();
            assertThat(bob.dsl().update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(f.ann().id())).execute()).isZero();
            assertThatThrownBy(() -> bob.dsl().update(COMMENTS).set(COMMENTS.BODY, "rewritten").where(COMMENTS.ID.eq(f.bobOnAnns().id())).execute())
                    .as("no one rewrites a comment, not even its author").isInstanceOf(RlsAccessDeniedException.class);
            assertThatThrownBy(() -> bob.transaction(tx -> tx.dsl().update(POSTS).set(POSTS.USER_ID, f.ann().id())
                    .where(POSTS.ID.eq(f.bobsPost().id())).execute()))
                    .as("giving a post to someone else").isInstanceOf(RlsAccessDeniedException.class);

            List<Result<Record>> after = everyTable(db);
            assertThat(after.get(0)).isEqualTo(before.get(0));
            assertThat(after.get(2)).isEqualTo(before.get(2));
            assertThat(after.get(1).getValues(POSTS.TITLE)).as("only Bob's own post changed")
                    .containsExactly("Ann's", "Ann's draft", "Ann's old", "Bob's now");
        }
    }

    @MatrixTest
    void foreign_writes_through_the_services_leave_every_table_and_the_history_as_they_were(TestDatabase db) {
        try (BlogApp app = start(db)) {
            Fixture f = fixture(app);
            BlogApp.Blog asBob = app.as(f.bob());
            List<AuditEntry> history = app.as(f.ann()).posts().history(f.annsPost().id());
            List<Result<Record>> before = everyTable(db);

            assertThatThrownBy(() -> asBob.posts().edit(f.annsPost().id(), new PostEdit("Bob's now", "Taken")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> asBob.posts().delete(f.annsPost().id())).isInstanceOf(NotFoundException.class);
            // Refused in SQL (the UPDATE matches no row): a deleted row the caller may not change is not found.
            assertThatThrownBy(() -> asBob.posts().restore(f.annsDeleted().id())).isInstanceOf(NotFoundException.class);
            // A revert writes the row's old values, its author included: writing another user's id is refused.
            assertThatThrownBy(() -> asBob.posts().revert(f.annsPost().id(), history.getLast().id()))
                    .isInstanceOf(RlsAccessDeniedException.class);
            assertThatThrownBy(() -> asBob.comments().delete(f.annOnAnns().id())).isInstanceOf(NotFoundException.class);

            assertThat(everyTable(db)).isEqualTo(before);
        }
    }

    @MatrixTest
    void authors_delete_comments_on_their_posts_and_admins_change_everything(TestDatabase db) {
        try (BlogApp app = start(db)) {
            Fixture f = fixture(app);
            BlogApp.Blog asAnn = app.as(f.ann());
            BlogApp.Blog asBob = app.as(f.bob());

            assertThat(asAnn.comments().delete(f.bobOnAnns().id()).id()).as("Bob's comment on Ann's post, by Ann").isEqualTo(f.bobOnAnns().id());
            assertThat(asAnn.comments().restore(f.bobOnAnns().id())).isEqualTo(f.bobOnAnns());
            asBob.comments().delete(f.annOnBobs().id());
            asBob.comments().delete(f.bobOnAnns().id());
            assertThat(asAnn.comments().forPost(f.annsPost().id())).containsExactly(f.annOnAnns());
            assertThat(asAnn.comments().forPost(f.bobsPost().id())).isEmpty();

            BlogApp.Blog moderator = app.asAdmin(f.moderator());
            assertThat(moderator.posts().edit(f.annsPost().id(), new PostEdit("Moderated", "Cleaned up")).title()).isEqualTo("Moderated");
            long moderation = asAnn.posts().history(f.annsPost().id()).getLast().id();
            assertThat(moderator.posts().revert(f.annsPost().id(), moderation).title()).as("undone by a moderator").isEqualTo("Ann's");
            assertThat(moderator.posts().edit(f.annsPost().id(), new PostEdit("Moderated", "Cleaned up")).title()).isEqualTo("Moderated");
            moderator.posts().delete(f.bobsPost().id());
            assertThat(moderator.posts().restore(f.annsDeleted().id()).title()).isEqualTo("Ann's old");
            moderator.comments().delete(f.annOnAnns().id());
            assertThat(moderator.users().rename(f.bob().id(), "Robert").name()).isEqualTo("Robert");

            assertThat(db.dsl().select(POSTS.TITLE, POSTS.DELETED_AT.isNull()).from(POSTS).orderBy(POSTS.ID).fetch()
                    .map(r -> r.value1() + (r.value2() ? "" : " (deleted)")))
                    .containsExactly("Moderated", "Ann's draft", "Ann's old", "Bob's (deleted)");
            assertThat(db.dsl().select(COMMENTS.BODY).from(COMMENTS).where(COMMENTS.DELETED_AT.isNull()).fetch(COMMENTS.BODY)).isEmpty();
            assertThat(db.dsl().select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME)).containsExactly("Ann", "Robert", "Mod");
            assertThat(asAnn.posts().history(f.annsPost().id()).getLast().changedBy()).isEqualTo("Mod");
        }
    }
}
