package dev.kysera.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What {@code ./dev blog} prints, on each database: every step did what it says. */
class BlogDemoTest {

    @MatrixTest
    void the_demo_runs_every_step(TestDatabase db) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new BlogDemo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(db.dataSource(), db.dialect());
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).containsPattern("registered Ann \\(\\d+\\) and Bob \\(\\d+\\)");
        assertThat(out).contains("refused: VALIDATION_FAILED");
        assertThat(out).contains("published 5 posts; edited: Kysera tip 1, revised; a draft stays out of the feed: Bob's draft");
        assertThat(out).contains("comments after hiding: 0").contains("comments after restoring: 1");
        assertThat(out).contains("page 1: [Kysera tip 5, Kysera tip 4]").contains("page 2: [Kysera tip 3, Kysera tip 2]");
        assertThat(out).contains("refused: BAD_REQUEST");
        assertThat(out).containsPattern("'revised': \\[SearchHit\\[postId=\\d+, title=Kysera tip 1, revised, author=Ann]]");
        assertThat(out).contains("feed after delete: [Kysera tip 5, Kysera tip 4, Kysera tip 3, Kysera tip 2]");
        assertThat(out).contains("trash: [Kysera tip 1, revised]");
        assertThat(out).contains("feed after restore: [Kysera tip 5, Kysera tip 4, Kysera tip 3, Kysera tip 2, Kysera tip 1, revised]");
        assertThat(out).contains("refused: NOT_FOUND; the title is still: Kysera tip 1, revised");
        assertThat(out).contains("INSERT by Ann").contains("SOFT_DELETE by Ann").contains("reverted: Kysera tip 1");
        assertThat(out).contains("comments on the first post: 0");
        assertThat(out).containsPattern("Query log \\(\\d+ statements\\)");
        assertThat(out).contains("Profiler report").contains("insert into");
        assertThat(out).endsWith("Done" + System.lineSeparator());
    }
}
