package dev.kysera.cli.internal;

import dev.kysera.cli.ExitCode;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.migrations.MigrationLockException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command tree and maps every outcome to an {@link ExitCode}. */
public final class Cli {

    private Cli() {
    }

    /** See {@link dev.kysera.cli.Kysera#run}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
        Context context = new Context(out, err, environment, workingDir);
        CommandLine commandLine = commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    static CommandLine commandLine(Context context) {
        CommandLine commandLine = new CommandLine(new RootCommand(), new Factory(context));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> failure(context, exception));
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            context.error("kysera: " + exception.getMessage());
            context.error("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    static int failure(Context context, Throwable exception) {
        int code = exitCode(exception);
        String message = message(exception);
        context.error("kysera: " + message);
        if (context.verbose()) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            context.error(trace.toString());
        }
        if (context.json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("exitCode", code);
            error.put("code", exception instanceof KyseraException kysera ? kysera.code() : exception.getClass().getSimpleName());
            error.put("message", message);
            context.errorJson(Map.of("error", error));
        }
        return code;
    }

    static int exitCode(Throwable exception) {
        if (exception instanceof ConfigException) {
            return ExitCode.CONFIG;
        }
        if (exception instanceof UsageException) {
            return ExitCode.USAGE;
        }
        if (exception instanceof MigrationLockException) {
            return ExitCode.LOCKED;
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDatabaseException transientError
                    && transientError.kind() == TransientDatabaseException.Kind.CONNECTION_LOST) {
                return ExitCode.CONNECTION;
            }
            if (cause instanceof SQLTransientConnectionException
                    || cause.getClass().getName().endsWith("PoolInitializationException")
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
                return ExitCode.CONNECTION;
            }
        }
        return ExitCode.FAILED;
    }

    private static String message(Throwable exception) {
        String message = exception.getMessage();
        if (exitCode(exception) == ExitCode.CONNECTION) {
            Throwable root = exception;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return "cannot connect to the database: " + detail;
        }
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        return exception instanceof KyseraException kysera ? message + " [" + kysera.code() + "]" : message;
    }

    /** Creates commands with the run's {@link Context} when they take one. */
    private record Factory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Context.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
