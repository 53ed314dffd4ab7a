package dev.kysera.migrations.internal;

import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.SQLDialect;

/** Turns SQL files into migrations: names into versions, per-dialect variants into one choice. */
public final class SqlMigrations {

    private static final Pattern FILE_NAME =
            Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+?)(?:\\.(postgres|mariadb|mysql|sqlite|h2))?\\.sql");

    private SqlMigrations() {
    }

    /** The migrations of the {@code .sql} files in a directory tree, for a dialect. */
    public static List<Migration> fromDirectory(Path directory, SQLDialect dialect) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidMigrationException("Migration directory " + directory + " does not exist or is not a directory");
        }
        List<SqlResource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                resources.add(new SqlResource(file.toString(), file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new InvalidMigrationException("Could not read migrations from " + directory + ": " + e.getMessage(), e);
        }
        return fromResources(resources, dialect);
    }

    /** The migrations of SQL files, for a dialect: a dialect's variant replaces the plain file of its version. */
    public static List<Migration> fromResources(List<SqlResource> resources, SQLDialect dialect) {
        String wanted = dialect.family().name().toLowerCase(Locale.ROOT);
        Map<MigrationVersion, SqlResource> plain = new LinkedHashMap<>();
        Map<MigrationVersion, SqlResource> variants = new LinkedHashMap<>();
        Map<MigrationVersion, String> names = new LinkedHashMap<>();
        for (SqlResource resource : resources) {
            Matcher m = FILE_NAME.matcher(resource.fileName());
            if (!m.matches()) {
                throw new InvalidMigrationException("SQL migration " + resource.location()
                        + " is not named V<version>__<name>[.<dialect>].sql (e.g. V1_2__add_index.sql or"
                        + " V3__users.postgres.sql)");
            }
            MigrationVersion version = MigrationVersion.of(m.group(1));
            String name = m.group(2).replace('_', ' ').strip();
            String other = names.putIfAbsent(version, name);
            if (other != null && !other.equals(name)) {
                throw new InvalidMigrationException("SQL migrations of version " + version + " disagree on the name: '"
                        + other + "' and '" + name + "' (" + resource.location() + ")");
            }
            String variant = m.group(3);
            if (variant == null) {
                putOnce(plain, version, resource);
            } else if (variant.equals(wanted)) {
                putOnce(variants, version, resource);
            }
        }
        List<Migration> migrations = new ArrayList<>();
        for (Map.Entry<MigrationVersion, String> entry : names.entrySet()) {
            Optional.ofNullable(variants.getOrDefault(entry.getKey(), plain.get(entry.getKey())))
                    .map(r -> SqlFileMigration.parse(entry.getKey(), entry.getValue(), r, dialect))
                    .ifPresent(migrations::add);
        }
        migrations.sort(Comparator.comparing(Migration::version));
        return migrations;
    }

    private static void putOnce(Map<MigrationVersion, SqlResource> map, MigrationVersion version, SqlResource resource) {
        SqlResource previous = map.putIfAbsent(version, resource);
        if (previous != null) {
            throw new InvalidMigrationException("Duplicate migration version " + version + ": " + previous.location()
                    + " and " + resource.location());
        }
    }
}
