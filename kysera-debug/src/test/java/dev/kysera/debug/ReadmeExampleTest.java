package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, as written there, on every database; and a check that the README shows this code. */
class ReadmeExampleTest {

    @TempDir
    Path target;

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = db.dsl();
        List<LogEntry> entries = new CopyOnWriteArrayList<>();

        QueryLog log = QueryLogOptions.builder()
                .logBinds(true).redactColumns("email")                 // users.email is logged as <redacted>
                .slowThreshold(Duration.ofMillis(200))                 // slower statements are logged at WARNING
                .sink(entries::add)                                    // leave out to log to System.Logger "dev.kysera.debug.QueryLog"
                .plugin();
        Profiler profiler = Profiler.defaults();
        NPlusOneDetector nPlusOne = NPlusOneOptions.builder().threshold(3).mode(NPlusOneMode.COLLECT).plugin();

        try (Executor executor = Executor.builder().dsl(dsl).plugin(log).plugin(profiler).plugin(nPlusOne).build()) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
            executor.transaction(tx -> {
                for (long userId : List.of(1L, 2L, 3L, 4L)) {            // one query per user: an N+1
                    tx.dsl().selectFrom(POSTS).where(POSTS.USER_ID.eq(userId)).fetch();
                }
            });
            System.out.print(profiler.snapshot().report());
            HtmlReport.write(target.resolve("kysera-profile.html"), profiler.snapshot(), nPlusOne.findings());
        }

        assertThat(entries).hasSize(5);
        assertThat(entries.getFirst().binds()).containsExactly(List.of("<redacted>", "'Ann'"));
        assertThat(profiler.snapshot().shapes()).hasSize(2);
        assertThat(nPlusOne.findings()).singleElement().satisfies(f -> assertThat(f.executions()).isEqualTo(4));
        assertThat(target.resolve("kysera-profile.html")).isNotEmptyFile();
    }

    @Test
    void the_readme_shows_this_code() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/debug/ReadmeExampleTest.java")))
                .as("README lines not in this test").isEmpty();
    }
}
