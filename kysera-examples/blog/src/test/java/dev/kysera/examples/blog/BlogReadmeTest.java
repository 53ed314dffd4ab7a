package dev.kysera.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditOperation;
import dev.kysera.core.page.CursorPage;
import dev.kysera.debug.LogEntry;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** The README's example, as written, on every database. */
class BlogReadmeTest {

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        DataSource dataSource = db.dataSource();
        SQLDialect dialect = db.dialect();
        byte[] cursorSecret = "readme secret, at least 32 bytes long".getBytes(StandardCharsets.UTF_8);
        List<LogEntry> queryLog = new ArrayList<>();

        try (BlogApp blogApp = BlogApp.start(dataSource, dialect, cursorSecret, queryLog::add)) {
            User ann = blogApp.guest().users().register(new NewUser("ann@example.com", "Ann"));
            BlogApp.Blog blog = blogApp.as(ann);                           // who acts: what they may change, and the post's history
            Post post = blog.posts().publish(blog.posts().write(new NewPost(ann.id(), "Hello", "First post")).id());
            CursorPage<Post> feed = blog.posts().feed(Map.of("limit", List.of("10")));   // e.g. a servlet's parameter map
            blog.posts().delete(post.id());                                 // a soft delete
            blog.posts().restore(post.id());
            List<AuditEntry> history = blog.posts().history(post.id());    // INSERT, UPDATE (published), SOFT_DELETE, RESTORE
            String report = blogApp.profileReport();

            assertThat(feed.content()).containsExactly(post);
            assertThat(history).extracting(AuditEntry::operation)
                    .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.SOFT_DELETE, AuditOperation.RESTORE);
            assertThat(report).contains("insert into");
            assertThat(queryLog).isNotEmpty();
        }
    }

    @Test
    void the_readme_shows_the_code_this_test_runs() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/examples/blog/BlogReadmeTest.java"))).isEmpty();
    }
}
