package dev.kysera.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The CLI's configuration: a file ({@code kysera.yaml}, {@code kysera.yml} or
 * {@code kysera.properties}), then {@code KYSERA_*} environment variables, then flags — each
 * overriding the one before. Immutable. Every key is known: an unknown key, a malformed value or a
 * missing variable in {@code ${VAR}} is a {@link ConfigException} naming the key and its source.
 *
 * @param values   the merged values by canonical key ({@code database.url}, {@code audit.tables.users}, …)
 * @param sources  where each value came from (file path, environment variable or flag)
 * @param baseDir    the directory relative paths from the file (and defaults) are resolved against: the file's, else the working directory
 * @param workingDir the directory relative paths from the environment and flags are resolved against
 * @param file       the configuration file read, or null when there is none
 */
record Config(Map<String, String> values, Map<String, String> sources, Path baseDir, Path workingDir, Path file) {

    static final List<String> FILE_NAMES = List.of("kysera.yaml", "kysera.yml", "kysera.properties");

    /** Every key with a fixed name, and its environment variable. */
    static final Map<String, String> KEYS;
    /** Keys whose last part is a name the user chooses (a table). */
    static final Set<String> PREFIXES = Set.of("audit.tables.");

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : List.of("database.url", "database.user", "database.password", "database.poolSize", "database.connectTimeout",
                "migrations.directory", "migrations.classpath", "migrations.table", "migrations.schema", "migrations.lockTimeout", "migrations.installedBy",
                "migrations.outOfOrder", "seeds.directory", "audit.table", "audit.changedBy", "softDelete.column",
                "generate.package", "generate.output")) {
            keys.put(key, envName(key));
        }
        KEYS = Map.copyOf(keys);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    Config {
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
    }

    /** {@code migrations.lockTimeout} → {@code KYSERA_MIGRATIONS_LOCK_TIMEOUT}. */
    static String envName(String key) {
        return "KYSERA_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Loads and merges the configuration.
     *
     * @param explicitFile {@code --config}, else {@code KYSERA_CONFIG}, else the first of {@link #FILE_NAMES} in {@code workingDir}
     * @param flags        values given as flags, by canonical key (null values are ignored)
     */
    static Config load(Path workingDir, Path explicitFile, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        Path file = explicitFile;
        String fileSource = "--config";
        if (file == null && environment.get("KYSERA_CONFIG") != null && !environment.get("KYSERA_CONFIG").isBlank()) {
            file = Path.of(environment.get("KYSERA_CONFIG"));
            fileSource = "KYSERA_CONFIG";
        }
        if (file != null) {
            file = workingDir.resolve(file).normalize();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("Configuration file " + file + " (from " + fileSource + ") does not exist");
            }
        } else {
            List<Path> found = FILE_NAMES.stream().map(workingDir::resolve).filter(Files::isRegularFile).toList();
            if (found.size() > 1) {
                throw new ConfigException("Both " + found.get(0).getFileName() + " and " + found.get(1).getFileName() + " are in "
                        + workingDir + ": keep one, or choose with --config");
            }
            file = found.isEmpty() ? null : found.get(0);
        }
        if (file != null) {
            Map<String, String> fromFile = readFile(file);
            for (Map.Entry<String, String> entry : fromFile.entrySet()) {
                String key = known(entry.getKey(), file.toString());
                values.put(key, expand(entry.getValue(), key, file.toString(), environment));
                sources.put(key, file.toString());
            }
        }
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            String value = environment.get(key.getValue());
            if (value != null) {
                values.put(key.getKey(), value);
                sources.put(key.getKey(), "environment variable " + key.getValue());
            }
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (flag.getValue() != null) {
                values.put(known(flag.getKey(), "flags"), flag.getValue());
                sources.put(flag.getKey(), "flag");
            }
        }
        Path base = file == null ? workingDir : file.toAbsolutePath().getParent();
        return new Config(values, sources, base, workingDir, file);
    }

    private static String known(String key, String source) {
        if (KEYS.containsKey(key)) {
            return key;
        }
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                return key;
            }
        }
        throw new ConfigException("Unknown configuration key '" + key + "' in " + source + "; known keys: "
                + String.join(", ", new TreeMap<>(KEYS).keySet()) + ", audit.tables.<table>");
    }

    private static String expand(String value, String key, String source, Map<String, String> environment) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = environment.get(matcher.group(1));
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new ConfigException("'" + key + "' in " + source + " uses ${" + matcher.group(1)
                        + "}, but that environment variable is not set (write ${" + matcher.group(1) + ":-default} for a default)");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> readFile(Path file) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                Map<String, String> values = new TreeMap<>();
                properties.stringPropertyNames().forEach(key -> values.put(key.strip(), properties.getProperty(key).strip()));
                return values;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Object document;
                try (InputStream in = Files.newInputStream(file)) {
                    document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                }
                Map<String, String> values = new TreeMap<>();
                if (document == null) {
                    return values;
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new ConfigException(file + " must be a YAML mapping (key: value), not a " + document.getClass().getSimpleName());
                }
                flatten("", map, values, file);
                return values;
            }
            throw new ConfigException("Configuration file " + file + " must end with .yaml, .yml or .properties");
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new ConfigException("Malformed YAML in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out, Path file) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            switch (entry.getValue()) {
                case null -> {
                    // "key:" with nothing after it: treated as absent, like a commented-out line.
                }
                case Map<?, ?> nested -> flatten(key + ".", nested, out, file);
                case List<?> list -> {
                    List<String> items = new ArrayList<>();
                    for (Object item : list) {
                        if (item instanceof Map || item instanceof List || item == null) {
                            throw new ConfigException("'" + key + "' in " + file + " must be a list of plain values");
                        }
                        items.add(item.toString());
                    }
                    out.put(key, String.join(",", items));
                }
                default -> out.put(key, entry.getValue().toString());
            }
        }
    }

    // ------------------------------------------------------------------ typed access

    Optional<String> string(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    String required(String key, String hint) {
        return string(key).orElseThrow(() -> new ConfigException("'" + key + "' is not set: " + hint));
    }

    Path path(String key, String defaultValue) {
        return relativeTo(key).resolve(string(key, defaultValue)).normalize();
    }

    /** Where a relative path in {@code key}'s value starts: the file's directory for values from the file and defaults, else the working directory. */
    Path relativeTo(String key) {
        return !values.containsKey(key) || file != null && file.toString().equals(sources.get(key)) ? baseDir : workingDir;
    }

    int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new ConfigException("'" + key + "' (" + source(key) + ") must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + key + "' (" + source(key) + ") must be a whole number, was '" + value.get() + "'");
        }
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException("'" + key + "' (" + source(key) + ") must be true or false, was '" + value.get() + "'");
        };
    }

    Duration duration(String key, Duration defaultValue) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Durations.parse(value.get());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException("'" + key + "' (" + source(key) + ") must be a duration such as 500ms, 30s, 5m or PT1M, was '"
                    + value.get() + "'");
        }
    }

    /** {@code audit.tables.<table>} entries: table → key columns. */
    Map<String, List<String>> auditTables() {
        Map<String, List<String>> tables = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("audit.tables.")) {
                List<String> columns = List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
                if (columns.isEmpty()) {
                    throw new ConfigException("'" + key + "' (" + source(key) + ") must list the table's key columns");
                }
                tables.put(key.substring("audit.tables.".length()), columns);
            }
        });
        return tables;
    }

    String source(String key) {
        return sources.getOrDefault(key, "default");
    }
}
