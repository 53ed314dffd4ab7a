package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a child JVM with a transaction in flight: the hook drains it (or, past its deadline,
 * closes the pool under it), refuses new work with a typed error, and the database shows the outcome.
 * The child needs a server both JVMs reach, so this runs on PostgreSQL and MariaDB.
 */
class ShutdownHookTest {

    private static final int SIGTERM_EXIT = 128 + 15;

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void sigterm_mid_transaction_drains_it_then_closes_and_refuses_new_work(TestDatabase db) throws Exception {
        createLog(db);
        Child child = Child.start(db, 1500, 20_000);
        child.await("IN_FLIGHT");
        child.process.toHandle().destroy(); // SIGTERM on Unix
        child.exitsWith(SIGTERM_EXIT);
        assertThat(child.lines).contains("COMMITTED", "REFUSED ShutdownInProgressException", "REPORT drained=true abandoned=0 refused=1")
                .doesNotContain("ACCEPTED");
        assertThat(ids(db)).as("the transaction in flight committed whole; the refused one wrote nothing").containsExactly(1, 2);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void sigterm_with_a_transaction_past_the_deadline_rolls_it_back_whole(TestDatabase db) throws Exception {
        createLog(db);
        Child child = Child.start(db, 60_000, 500);
        child.await("IN_FLIGHT");
        long signalled = System.nanoTime();
        child.process.toHandle().destroy();
        child.exitsWith(SIGTERM_EXIT);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("the deadline, not the transaction, ends the JVM")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(child.lines).contains("REPORT drained=false abandoned=1 refused=1").doesNotContain("COMMITTED", "MAIN_DONE");
        assertThat(ids(db)).as("row 1 of the abandoned transaction was rolled back").isEmpty();
    }

    @Test
    void the_hook_is_validated_and_can_be_uninstalled() {
        GracefulShutdown shutdown = GracefulShutdown.create();
        assertThatThrownBy(() -> shutdown.installShutdownHook(Duration.ofSeconds(-1), report -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must not be negative, was PT-1S");
        assertThatThrownBy(() -> shutdown.installShutdownHook(Duration.ZERO, report -> { }, (AutoCloseable) null))
                .isInstanceOf(NullPointerException.class).hasMessage("resources must not contain null");
        ShutdownHook hook = shutdown.installShutdownHook(Duration.ZERO, report -> { });
        assertThat(hook.uninstall()).isTrue();
        assertThat(hook.uninstall()).as("already removed").isFalse();
    }

    /** The class's tests share one isolated database: each starts from an empty table. */
    private static void createLog(TestDatabase db) {
        db.dsl().execute("DROP TABLE IF EXISTS sigterm_log");
        db.dsl().execute("CREATE TABLE sigterm_log (id INT PRIMARY KEY, note VARCHAR(20) NOT NULL)");
    }

    private static List<Integer> ids(TestDatabase db) {
        return db.dsl().select(DSL.field("id", Integer.class)).from(DSL.table("sigterm_log")).orderBy(DSL.field("id"))
                .fetch(0, Integer.class);
    }

    private record Child(Process process, List<String> lines, BlockingQueue<String> queue) {

        static Child start(TestDatabase db, long holdMillis, long timeoutMillis) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(java, "-cp", classPath, SigtermChild.class.getName(), db.jdbcUrl(), db.dialect().name(),
                    Long.toString(holdMillis), Long.toString(timeoutMillis)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Child child = new Child(process, new CopyOnWriteArrayList<>(), new LinkedBlockingQueue<>());
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        child.lines.add(line);
                        child.queue.add(line);
                    }
                } catch (Exception ignored) {
                    // The child is gone; what it said is in lines.
                }
            });
            return child;
        }

        void await(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    throw new AssertionError("child never said " + wanted + "; it said " + lines);
                }
                if (line.equals(wanted)) {
                    return;
                }
            }
        }

        void exitsWith(int code) throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not exit within 60 s after SIGTERM; it said " + lines);
            }
            // Let the reader take the last lines.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (process.getInputStream() != null && System.nanoTime() < deadline && !lines.stream().anyMatch(l -> l.startsWith("REPORT"))) {
                Thread.sleep(20);
            }
            assertThat(process.exitValue()).as("exit code; it said %s", lines).isEqualTo(code);
        }
    }
}
