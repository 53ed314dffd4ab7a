package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged CLI (target/kysera-cli.jar, built in the package phase) run as a real process. */
final class CliProcess {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Tests that need the packaged jar: run by failsafe after package, never by surefire. */
    static final String TAG = "packaged";

    private CliProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("kysera.cli.jar", "target/kysera-cli.jar"));
        assertThat(jar).as("the packaged CLI; run the integration tests with 'verify'").exists();
        return jar;
    }

    static Path launcher() {
        Path launcher = Path.of(System.getProperty("kysera.cli.launcher", "target/kysera"));
        assertThat(launcher).as("the launcher script").exists().isExecutable();
        return launcher;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -jar kysera-cli.jar args…}, started (not waited for); stdout and stderr go to files in {@code dir}. */
    static Started start(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return start(dir, env, command);
    }

    static Started start(Path dir, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("KYSERA_"));
            builder.environment().putAll(env);
            return new Started(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CliRun.Result run(Path dir, Map<String, String> env, String... args) {
        return start(dir, env, args).await();
    }

    /** A running CLI process. */
    record Started(Process process, Path out, Path err) {
        CliRun.Result await() {
            return await(TIMEOUT);
        }

        CliRun.Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(process.info().command().orElse("the process") + " did not finish within " + timeout
                            + "; stderr: " + Files.readString(err));
                }
                return new CliRun.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
