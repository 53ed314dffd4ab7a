package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real profiler run, rendered by headless Chromium (Debian's package; .ci/run installs it). */
class HtmlReportTest {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void the_report_renders_in_a_real_browser(TestDatabase db) throws Exception {
        db.useTestSchema();
        Profiler profiler = Profiler.defaults();
        NPlusOneDetector detector = NPlusOneOptions.builder().threshold(3).mode(NPlusOneMode.COLLECT).plugin();
        try (Executor executor = Fixtures.executor(db, profiler, detector)) {
            for (int i = 0; i < 5; i++) {
                executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("h" + i + "@example.com", "<b>H" + i + "</b>").execute();
            }
            executor.transaction(tx -> {
                for (int i = 0; i < 6; i++) {
                    tx.dsl().selectFrom(POSTS).where(POSTS.USER_ID.lt((long) i)).fetch();
                }
            });
            executor.dsl().fetchCount(USERS);
        }
        ProfilerSnapshot snapshot = profiler.snapshot();
        Path file = HtmlReport.write(dir.resolve("report.html"), snapshot, detector.findings());
        String html = Files.readString(file);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("<b>");

        String dom = dumpDom(file);
        assertThat(dom).contains("<title>Kysera profiler report</title>").contains("12 statements")
                .contains("<h2>N+1 findings</h2>").contains("<td class=\"shape\">transaction ");
        List<String> shapes = snapshot.shapes().stream().map(ShapeStats::shape).toList();
        assertThat(shapes).hasSize(3);
        List<Integer> positions = new ArrayList<>();
        for (String shape : shapes) {
            String escaped = shape.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            positions.add(dom.indexOf("<code>" + escaped + "</code>"));
        }
        assertThat(positions).doesNotContain(-1).isSorted();
        assertThat(dom).contains("&lt; ?</code>");
        assertThat(dom.split("<tr class=\"shape-row\"", -1)).hasSize(4);
        assertThat(dom.split("<tr class=\"finding\"", -1)).hasSize(2);
        assertThat(dom).contains("<td class=\"count\">6</td>").contains("<td class=\"count\">5</td>");
        assertThat(dom).contains("class=\"bar\"");
    }

    /** Runs {@code chromium --headless --dump-dom} on the file, with a bounded time. */
    static String dumpDom(Path file) throws IOException, InterruptedException {
        Path chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream().map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (chromium == null) {
            if (!"true".equals(System.getenv("CI"))) {
                Assumptions.abort("chromium is not installed (.ci/run installs Debian's chromium package)");
            }
            throw new AssertionError("chromium is not installed; CI must install Debian's chromium package (.ci/run does)");
        }
        Path profile = Files.createTempDirectory("kysera-chromium");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", file.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try {
            out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within 60 s");
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
