package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/** Runs the command line through its entry point with captured streams, in a directory, with an environment. */
final class CliRun {

    /** One finished command line. */
    record Result(int exitCode, String out, String err) {
        /** The JSON document on stdout. */
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return (Map<String, Object>) new JSONParser().parse(out.strip());
            } catch (ParseException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        Result ok() {
            assertThat(exitCode).as("exit code; stdout: %s%nstderr: %s", out, err).isZero();
            return this;
        }

        Result exit(int expected) {
            assertThat(exitCode).as("exit code; stdout: %s%nstderr: %s", out, err).isEqualTo(expected);
            return this;
        }
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    CliRun(Path dir) {
        this.dir = dir;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Kysera.run(args, o, e, env, dir);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code kysera.yaml} in the directory. */
    CliRun yaml(String... lines) {
        return write("kysera.yaml", String.join("\n", lines) + "\n");
    }

    CliRun write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
