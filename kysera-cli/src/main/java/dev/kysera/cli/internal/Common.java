package dev.kysera.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command takes: where the configuration and database are, and how to print. */
final class Common {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (.yaml, .yml or .properties). Default: KYSERA_CONFIG, else kysera.yaml, kysera.yml or kysera.properties in the working directory.")
    Path configFile;

    @Option(names = "--url", paramLabel = "JDBC-URL", description = "JDBC URL (database.url, KYSERA_DATABASE_URL); the dialect follows from it.")
    String url;

    @Option(names = "--user", description = "Database user (database.user, KYSERA_DATABASE_USER).")
    String user;

    @Option(names = "--password", description = "Database password (database.password). Prefer KYSERA_DATABASE_PASSWORD: flags are visible to other users of the machine.")
    String password;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout (progress and warnings stay on stderr).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (secrets masked).")
    boolean verbose;

    /** Loads the configuration with these flags (and {@code extra} command flags, by canonical key) on top. */
    Config config(Context context, Map<String, String> extra) {
        context.mode(json, quiet, verbose);
        context.secrets().add(password);
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("database.url", url);
        flags.put("database.user", user);
        flags.put("database.password", password);
        flags.putAll(extra);
        Config config = Config.load(context.workingDir(), configFile, context.environment(), flags);
        config.string("database.password").ifPresent(context.secrets()::add);
        return config;
    }

    Config config(Context context) {
        return config(context, Map.of());
    }
}
