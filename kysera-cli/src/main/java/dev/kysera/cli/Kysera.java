package dev.kysera.cli;

import dev.kysera.cli.internal.Cli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code kysera} command line. {@link #main} is the entry point of the runnable jar;
 * {@link #run} runs one command line against the given streams, environment and directory and
 * returns its {@link ExitCode exit code} instead of exiting, for embedding and tests.
 */
public final class Kysera {

    private Kysera() {
    }

    /**
     * Runs the command line and exits the JVM with its {@link ExitCode exit code}. The Kysera
     * libraries' own JUL logging below WARNING is silenced: the CLI reports their steps itself.
     *
     * @param args the arguments, without the program name
     */
    public static void main(String[] args) {
        // The libraries log their steps through System.Logger (JUL by default); the CLI reports them itself.
        java.util.logging.Logger.getLogger("dev.kysera").setLevel(java.util.logging.Level.WARNING);
        int code = run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line.
     *
     * @param args        the arguments, without the program name
     * @param out         where results go (text or, with {@code --json}, one JSON document)
     * @param err         where progress, warnings and errors go
     * @param environment the environment variables the configuration may come from ({@code KYSERA_*})
     * @param workingDir  the directory relative paths and the configuration file are resolved against
     * @return the {@link ExitCode exit code}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
        return Cli.run(args, out, err, environment, workingDir);
    }
}
