package dev.kysera.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the command line: its streams, environment and working directory, the output mode
 * chosen by the flags, and the secrets to mask. Every line the CLI prints passes {@link Secrets#mask}.
 */
final class Context {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Secrets secrets = new Secrets();
    private boolean json;
    private boolean quiet;
    private boolean verbose;

    Context(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDir() {
        return workingDir;
    }

    Secrets secrets() {
        return secrets;
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    void mode(boolean json, boolean quiet, boolean verbose) {
        this.json = json;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    /** A result line (text mode). */
    void println(String line) {
        out.println(secrets.mask(line));
    }

    /** The command's result: JSON with {@code --json}, else the text. */
    void result(Object json, String text) {
        if (this.json) {
            out.println(secrets.mask(Json.write(json)));
        } else if (!text.isEmpty()) {
            out.print(secrets.mask(text.endsWith("\n") ? text : text + "\n"));
        }
        out.flush();
    }

    /** Progress for long work, on stderr so JSON output stays parseable; silent with {@code --quiet}. */
    void progress(String line) {
        if (!quiet) {
            err.println(secrets.mask(line));
            err.flush();
        }
    }

    /** A warning, on stderr even with {@code --quiet}. */
    void warn(String line) {
        err.println(secrets.mask("warning: " + line));
        err.flush();
    }

    void error(String line) {
        err.println(secrets.mask(line));
        err.flush();
    }

    void errorJson(Object json) {
        out.println(secrets.mask(Json.write(json)));
        out.flush();
    }
}
