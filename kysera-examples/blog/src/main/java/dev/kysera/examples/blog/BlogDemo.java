package dev.kysera.examples.blog;

import dev.kysera.audit.AuditOperation;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.debug.LogEntry;
import dev.kysera.examples.Narrator;
import dev.kysera.examples.RunnableDatabase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The blog from sign-up to profiler report, printed step by step. Runs on a new SQLite file, or on
 * the database of the JDBC URL given as the only argument (it migrates the blog's schema there:
 * use an empty database or schema).
 *
 * <pre>./dev blog
 * ./dev blog 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'</pre>
 */
public final class BlogDemo {

    /** Signs feed cursors; a real deployment reads its secret from its configuration. */
    private static final byte[] DEMO_SECRET = "demo secret: replace in production, 32+ bytes".getBytes(StandardCharsets.UTF_8);

    private final Narrator out;

    /** A demo that prints to {@code out}. */
    public BlogDemo(PrintStream out) {
        this.out = new Narrator(out);
    }

    /** Runs the demo on the URL given, or on a new SQLite file. */
    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        try (RunnableDatabase db = RunnableDatabase.open("blog", args)) {
            System.out.println("Kysera blog on " + db.dialect().getName() + " (" + db.shownUrl() + ")");
            new BlogDemo(System.out).run(db.dataSource(), db.dialect());
        }
    }

    /** Runs every step on {@code dataSource}, migrating the blog's schema first. */
    public void run(DataSource dataSource, SQLDialect dialect) {
        List<LogEntry> queryLog = new CopyOnWriteArrayList<>();
        out.step("Migrate the schema and start the blog (soft delete, timestamps, audit of posts, query log, profiler)");
        try (BlogApp app = BlogApp.start(dataSource, dialect, DEMO_SECRET, queryLog::add)) {
            BlogApp.Blog guest = app.guest();

            out.step("Sign up two authors; invalid input is refused before any SQL");
            User annUser = guest.users().register(new NewUser("ann@example.com", "Ann"));
            User bob = guest.users().register(new NewUser("bob@example.com", "Bob"));
            out.say("registered " + annUser.name() + " (" + annUser.id() + ") and " + bob.name() + " (" + bob.id() + ")");
            BlogApp.Blog ann = app.as(annUser);
            BlogApp.Blog asBob = app.as(bob);
            try {
                guest.users().register(new NewUser("not an e-mail", ""));
            } catch (KyseraException e) {
                out.say("refused: " + e.code() + " " + e.getMessage());
            }

            out.step("Write, publish and edit posts; every write is one transaction with its audit entry");
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Post draft = ann.posts().write(new NewPost(annUser.id(), "Kysera tip " + i, "Body of tip " + i + " about jOOQ."));
                ids.add(ann.posts().publish(draft.id()).id());
            }
            Post first = ann.posts().edit(ids.getFirst(), new PostEdit("Kysera tip 1, revised", "Revised body about jOOQ."));
            Post draft = asBob.posts().write(new NewPost(bob.id(), "Bob's draft", "Not published yet."));
            out.say("published " + ids.size() + " posts; edited: " + first.title() + "; a draft stays out of the feed: " + draft.title());

            out.step("Only an author changes a post (row-level security in the statement): Bob's edit of Ann's post matches no row");
            try {
                asBob.posts().edit(first.id(), new PostEdit("Bob was here", "Overwritten"));
            } catch (KyseraException e) {
                out.say("refused: " + e.code() + "; the title is still: " + ann.posts().find(first.id()).orElseThrow().title());
            }

            out.step("Bob comments; Ann, the post's author, hides his comment (soft delete) and restores it");
            Comment comment = asBob.comments().add(new NewComment(first.id(), bob.id(), "Nice tip!"));
            ann.comments().delete(comment.id());
            out.say("comments after hiding: " + ann.comments().forPost(first.id()).size());
            ann.comments().restore(comment.id());
            out.say("comments after restoring: " + ann.comments().forPost(first.id()).size());

            out.step("Read the feed two posts at a time, from query parameters, with signed cursors");
            CursorPage<Post> page = ann.posts().feed(Map.of("limit", List.of("2")));
            out.say("page 1: " + titles(page));
            page = ann.posts().feed(Map.of("limit", List.of("2"), "cursor", List.of(page.nextCursor().orElseThrow())));
            out.say("page 2: " + titles(page));
            try {
                ann.posts().feed(Map.of("sort", List.of("body")));
            } catch (KyseraException e) {
                out.say("refused: " + e.code() + " " + e.getMessage());
            }

            out.step("Search published posts");
            out.say("'revised': " + ann.posts().search("revised", 10));

            out.step("Delete a post (soft delete), see it gone from feed and search, restore it");
            ann.posts().delete(first.id());
            out.say("feed after delete: " + titles(ann.posts().feed(Map.of())));
            out.say("trash: " + ann.posts().deletedBy(annUser.id()).stream().map(Post::title).toList());
            ann.posts().restore(first.id());
            out.say("feed after restore: " + titles(ann.posts().feed(Map.of())));

            out.step("The post's audit history, and undoing the edit from it");
            ann.posts().history(first.id()).forEach(entry -> out.say(entry.operation() + " by " + entry.changedBy() + " " + entry.changedColumns()));
            long editEntry = ann.posts().history(first.id()).stream()
                    .filter(entry -> entry.operation() == AuditOperation.UPDATE && entry.changedColumns().contains("title")).findFirst().orElseThrow().id();
            out.say("reverted: " + ann.posts().revert(first.id(), editEntry).title());

            out.step("Bob deactivates his account: his comment disappears with him, even from joins");
            asBob.users().deactivate(bob.id());
            out.say("comments on the first post: " + ann.comments().forPost(first.id()).size());

            out.step("Query log (" + queryLog.size() + " statements); the last three:");
            queryLog.subList(Math.max(0, queryLog.size() - 3), queryLog.size()).forEach(entry -> out.say(entry.message()));

            out.step("Profiler report");
            out.print(app.profileReport());
        }
        out.step("Done");
    }

    private static List<String> titles(CursorPage<Post> page) {
        return page.content().stream().map(Post::title).toList();
    }
}
