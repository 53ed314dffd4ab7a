package dev.kysera.cli.internal;

import dev.kysera.migrations.DownTarget;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationInfo;
import dev.kysera.migrations.MigrationResult;
import dev.kysera.migrations.MigrationRun;
import dev.kysera.migrations.MigrationSources;
import dev.kysera.migrations.MigrationState;
import dev.kysera.migrations.MigrationStatus;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.Migrator;
import dev.kysera.migrations.RepairResult;
import dev.kysera.migrations.SqlStatement;
import dev.kysera.migrations.UpTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kysera migrate …}: kysera-migrations over the SQL files of a directory and the Java
 * migrations of {@code migrations.classpath}, ordered together by version.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply, revert, inspect and check migrations: SQL files (V<version>__<name>.sql in migrations.directory) "
                + "and Java migration classes (migrations.classpath), in version order.")
final class MigrateCommand {

    private static final Pattern FILE_VERSION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    private static final Pattern SOURCE_VERSION = Pattern.compile("V(\\d+(?:_\\d+)*)__.*\\.java");

    private final Context context;

    MigrateCommand(Context context) {
        this.context = context;
    }

    /** Where migrations are and how they are tracked; shared by every subcommand. */
    static final class Location {
        @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Migrations directory (migrations.directory; default: migrations).")
        String directory;

        @Option(names = "--classpath", paramLabel = "PATHS",
                description = "Jars and class directories with Java migrations listed in META-INF/services/dev.kysera.migrations.Migration, "
                        + "separated by ',' or '${sys:path.separator}' (migrations.classpath).")
        String classpath;

        @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "How long to wait for another runner (migrations.lockTimeout; default 60s).")
        String lockTimeout;

        Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("migrations.directory", directory);
            flags.put(JavaMigrations.KEY, classpath);
            flags.put("migrations.lockTimeout", lockTimeout);
            return flags;
        }
    }

    /** {@code --to VERSION} or {@code --steps N}. */
    static final class Target {
        @Option(names = "--to", paramLabel = "VERSION", description = "Up: apply up to and including this version. Down: revert every migration after it (--to 0 reverts all).")
        String version;

        @Option(names = "--steps", paramLabel = "N", description = "How many migrations to apply or revert.")
        Integer steps;
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Apply pending migrations, in version order, each in its own transaction.")
    int up(@Mixin Common common, @Mixin Location location, @ArgGroup Target target) {
        return withMigrator(common, location, migrator -> {
            List<MigrationVersion> planned = planUp(migrator.status(), target);
            List<MigrationRun> applied = new ArrayList<>();
            if (planned.isEmpty()) {
                // Nothing pending is no reason to skip the migrator's checks: a failed or edited migration still fails the run.
                applied.addAll(migrator.up(upTarget(target)).runs());
            }
            int index = 0;
            for (MigrationVersion version : planned) {
                index++;
                // One call per version: progress after each, and a runner that finds a version
                // already applied by a concurrent runner (under the lock) simply applies nothing.
                MigrationResult result = migrator.up(UpTarget.toVersion(version.toString()));
                for (MigrationRun run : result.runs()) {
                    applied.add(run);
                    context.progress("[" + index + "/" + planned.size() + "] applied " + run.version() + " " + run.name()
                            + " (" + run.duration().toMillis() + " ms, " + run.statements().size() + " statements)");
                }
            }
            MigrationStatus after = migrator.status();
            String current = after.current().map(MigrationVersion::toString).orElse("none");
            context.result(Map.of("applied", runs(applied), "current", current, "pending", strings(after.pending())),
                    applied.isEmpty() ? "Nothing to apply; the database is at version " + current + "."
                            : "Applied " + applied.size() + " migration(s); the database is at version " + current + ".");
            return 0;
        });
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Revert applied migrations, newest first (default: one step). There is no 'down 0 means all': use --to 0.")
    int down(@Mixin Common common, @Mixin Location location, @ArgGroup Target target) {
        return withMigrator(common, location, migrator -> {
            MigrationResult result = migrator.down(downTarget(target));
            result.runs().forEach(run -> context.progress("reverted " + run.version() + " " + run.name() + " (" + run.duration().toMillis() + " ms)"));
            String current = migrator.status().current().map(MigrationVersion::toString).orElse("none");
            context.result(Map.of("reverted", runs(result.runs()), "current", current),
                    "Reverted " + result.runs().size() + " migration(s); the database is at version " + current + ".");
            return 0;
        });
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Every migration of the directory and the history, and where it stands.")
    int status(@Mixin Common common, @Mixin Location location) {
        return withMigrator(common, location, migrator -> {
            MigrationStatus status = migrator.status();
            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("%-16s %-12s %-24s %s%n", "VERSION", "STATE", "INSTALLED AT (UTC)", "NAME"));
            for (MigrationInfo info : status.migrations()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("version", info.version().toString());
                row.put("name", info.name());
                row.put("state", info.state().name());
                row.put("installedAt", info.installedAt().map(Object::toString).orElse(null));
                row.put("installedBy", info.installedBy().orElse(null));
                row.put("executionMs", info.executionTime().map(Duration::toMillis).orElse(null));
                rows.add(row);
                text.append(String.format("%-16s %-12s %-24s %s%n", info.version(), info.state(),
                        info.installedAt().map(Object::toString).orElse("-"), info.name()));
            }
            String current = status.current().map(MigrationVersion::toString).orElse("none");
            text.append("current: ").append(current).append(", pending: ").append(status.pending().size());
            context.result(Map.of("migrations", rows, "current", current, "pending", strings(status.pending())), text.toString());
            return 0;
        });
    }

    @Command(name = "dry-run", mixinStandardHelpOptions = true,
            description = "Print the exact SQL that up (or, with --down, down) would run, changing nothing.")
    int dryRun(@Mixin Common common, @Mixin Location location, @ArgGroup Target target,
               @Option(names = "--down", description = "Plan a down migration instead (default one step).") boolean down) {
        return withMigrator(common, location, migrator -> {
            MigrationResult plan = down ? migrator.dryRunDown(downTarget(target)) : migrator.dryRunUp(upTarget(target));
            context.result(Map.of("direction", down ? "down" : "up", "migrations", runs(plan.runs())),
                    plan.runs().isEmpty() ? "-- nothing to run" : plan.script());
            return 0;
        });
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check the history against the files (edited applied migrations, failed ones) without changing anything.")
    int validate(@Mixin Common common, @Mixin Location location) {
        return withMigrator(common, location, migrator -> {
            MigrationStatus status = migrator.validate();
            long applied = status.migrations().stream().filter(m -> m.state() == MigrationState.APPLIED).count();
            context.result(Map.of("valid", true, "applied", applied, "pending", strings(status.pending())),
                    "Valid: " + applied + " applied, " + status.pending().size() + " pending.");
            return 0;
        });
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Realign the history on purpose: delete failed rows, record the files' checksums for edited applied migrations.")
    int repair(@Mixin Common common, @Mixin Location location) {
        return withMigrator(common, location, migrator -> {
            RepairResult result = migrator.repair();
            context.result(Map.of("removedFailed", strings(result.removedFailed()), "realigned", strings(result.realigned())),
                    "Removed failed: " + strings(result.removedFailed()) + "; realigned checksums: " + strings(result.realigned()));
            return 0;
        });
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Adopt an existing database: migrations up to VERSION count as applied and never run.")
    int baseline(@Mixin Common common, @Mixin Location location, @Parameters(paramLabel = "VERSION") String version) {
        return withMigrator(common, location, migrator -> {
            migrator.baseline(version);
            context.result(Map.of("baseline", MigrationVersion.of(version).toString()), "Baselined at version " + MigrationVersion.of(version) + ".");
            return 0;
        });
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a new SQL migration V<next>__<name>.sql with up and down sections, or with --java a Java migration "
                    + "class (jOOQ's DSL) registered for the service loader.")
    int create(@Mixin Common common, @Mixin Location location, @Parameters(paramLabel = "NAME", description = "What it does, e.g. 'add posts'.") String name,
               @Option(names = "--at", paramLabel = "VERSION", description = "Its version (default: one above the highest of the migrations).") String version,
               @ArgGroup(exclusive = false) JavaTemplate java) {
        Config config = common.config(context, location.flags());
        String fileName = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (fileName.isEmpty()) {
            throw new UsageException("The migration name '" + name + "' has no letters or digits");
        }
        Path directory = config.path("migrations.directory", "migrations");
        try {
            String chosen = version == null ? nextVersion(directory, JavaTemplate.sourceDir(context, java), config)
                    : MigrationVersion.of(version).toString();
            String stem = "V" + chosen.replace('.', '_') + "__";
            Path file;
            if (java == null) {
                Files.createDirectories(directory);
                file = writeNew(directory.resolve(stem + fileName + ".sql"), "-- " + name.strip() + "\n-- kysera:up\n\n\n-- kysera:down\n\n");
            } else {
                file = java.write(context, stem + JavaNames.pascal(fileName), chosen, name.strip().replaceAll("\\s+", " "));
            }
            context.result(Map.of("file", file.toString(), "version", chosen), "Created " + file);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the migration", e);
        }
    }

    private static Path writeNew(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            throw new CommandFailedException(file + " already exists");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** {@code create --java}: a Java migration class and its service registration. */
    static final class JavaTemplate {
        @Option(names = "--java", required = true, description = "Write a Java migration class instead of an SQL file.")
        boolean java;

        @Option(names = {"-p", "--package"}, required = true, paramLabel = "PACKAGE", description = "Its package (with --java).")
        String packageName;

        @Option(names = "--source-dir", paramLabel = "DIR", description = "Java source root (with --java; default: src/main/java).")
        String sourceDir;

        @Option(names = "--resources-dir", paramLabel = "DIR",
                description = "Resource root for META-INF/services/dev.kysera.migrations.Migration (with --java; default: src/main/resources).")
        String resourcesDir;

        /** Where Java migration sources go (and, for numbering, may already be): the option, else {@code src/main/java}. */
        static Path sourceDir(Context context, JavaTemplate java) {
            return context.workingDir().resolve(java == null || java.sourceDir == null ? "src/main/java" : java.sourceDir).normalize();
        }

        Path write(Context context, String className, String version, String name) throws IOException {
            if (!JavaNames.isPackageName(packageName)) {
                throw new UsageException("--package '" + packageName + "' is not a Java package name");
            }
            Path file = writeNew(sourceDir(context, this).resolve(packageName.replace('.', '/')).resolve(className + ".java"),
                    JavaMigrationTemplate.source(packageName, className, version, name));
            Path services = context.workingDir().resolve(resourcesDir == null ? "src/main/resources" : resourcesDir)
                    .resolve("META-INF/services/" + Migration.class.getName()).normalize();
            String registered = Files.exists(services) ? Files.readString(services, StandardCharsets.UTF_8) : "";
            String entry = packageName + "." + className;
            Files.createDirectories(services.getParent());
            Files.writeString(services, registered + (registered.isEmpty() || registered.endsWith("\n") ? "" : "\n") + entry + "\n",
                    StandardCharsets.UTF_8);
            context.progress("Registered " + entry + " in " + services);
            return file;
        }
    }

    private int withMigrator(Common common, Location location, java.util.function.Function<Migrator, Integer> work) {
        Config config = common.config(context, location.flags());
        try (Database db = Database.open(config, true); JavaMigrations java = JavaMigrations.load(config, db.dialect(), context)) {
            return work.apply(migrator(config, db, java));
        }
    }

    /**
     * One above the highest major version of the directory's SQL files, of the Java migration
     * sources below {@code sourceDir} (templates not compiled yet) and of the configured Java migrations.
     */
    private String nextVersion(Path directory, Path sourceDir, Config config) throws IOException {
        long max = Math.max(highest(directory, FILE_VERSION, 1), highest(sourceDir, SOURCE_VERSION, Integer.MAX_VALUE));
        // Service-loaded Java migrations do not depend on the dialect: no database is needed here.
        try (JavaMigrations java = JavaMigrations.load(config, SQLDialect.DEFAULT, context)) {
            for (Migration migration : java.migrations()) {
                max = Math.max(max, major(migration.version().toString()));
            }
        }
        return Long.toString(max + 1);
    }

    private static long highest(Path root, Pattern names, int depth) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long max = 0;
        try (Stream<Path> files = Files.walk(root, depth)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher matcher = names.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    max = Math.max(max, major(matcher.group(1)));
                }
            }
        }
        return max;
    }

    private static long major(String version) {
        return Long.parseLong(version.split("[._]")[0]);
    }

    /**
     * The migrator over the directory's SQL files and the Java migrations. The directory may be
     * missing only when Java migrations are configured and the directory is the default one.
     */
    private static Migrator migrator(Config config, Database db, JavaMigrations java) {
        Path directory = config.path("migrations.directory", "migrations");
        boolean hasDirectory = Files.isDirectory(directory);
        if (!hasDirectory && (!java.configured() || config.string("migrations.directory").isPresent())) {
            throw new ConfigException("The migrations directory " + directory + " (migrations.directory, " + config.source("migrations.directory")
                    + ") does not exist; create it with 'kysera migrate create NAME'");
        }
        MigrationConfig.Builder builder = MigrationConfig.builder()
                .dataSource(db.dataSource())
                .dialect(db.dialect())
                .source(MigrationSources.of(java.migrations()))
                .historyTable(config.string("migrations.table", MigrationConfig.DEFAULT_HISTORY_TABLE))
                .lockTimeout(config.duration("migrations.lockTimeout", MigrationConfig.DEFAULT_LOCK_TIMEOUT))
                .outOfOrder(config.bool("migrations.outOfOrder", false));
        if (hasDirectory) {
            builder.source(MigrationSources.directory(directory));
        }
        config.string("migrations.schema").ifPresent(builder::historySchema);
        config.string("migrations.installedBy").ifPresent(builder::installedBy);
        try {
            return Migrator.create(builder.build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static List<MigrationVersion> planUp(MigrationStatus status, Target target) {
        List<MigrationVersion> pending = status.pending();
        if (target == null) {
            return pending;
        }
        if (target.steps != null) {
            if (target.steps < 1) {
                throw new UsageException("--steps must be at least 1, was " + target.steps);
            }
            return pending.subList(0, Math.min(target.steps, pending.size()));
        }
        MigrationVersion to = MigrationVersion.of(target.version);
        if (status.migrations().stream().noneMatch(m -> m.version().equals(to))) {
            throw new UsageException("--to " + target.version + ": there is no migration with that version");
        }
        return pending.stream().filter(v -> !v.isAfter(to)).toList();
    }

    private static UpTarget upTarget(Target target) {
        if (target == null) {
            return UpTarget.all();
        }
        if (target.steps != null) {
            if (target.steps < 1) {
                throw new UsageException("--steps must be at least 1, was " + target.steps);
            }
            return UpTarget.steps(target.steps);
        }
        return UpTarget.toVersion(target.version);
    }

    private static DownTarget downTarget(Target target) {
        if (target == null) {
            return DownTarget.steps(1);
        }
        if (target.steps != null) {
            if (target.steps < 1) {
                throw new UsageException("--steps must be at least 1, was " + target.steps + " (to revert everything, use --to 0)");
            }
            return DownTarget.steps(target.steps);
        }
        return DownTarget.toVersion(target.version);
    }

    static List<Map<String, Object>> runs(List<MigrationRun> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MigrationRun run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", run.version().toString());
            row.put("name", run.name());
            row.put("direction", run.direction().name().toLowerCase(Locale.ROOT));
            row.put("durationMs", run.duration().toMillis());
            row.put("statements", run.statements().stream().map(MigrateCommand::statement).toList());
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> statement(SqlStatement statement) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sql", statement.sql());
        row.put("binds", statement.bindValues().stream().map(v -> v == null ? null : v.toString()).toList());
        return row;
    }

    private static List<String> strings(List<MigrationVersion> versions) {
        return versions.stream().map(MigrationVersion::toString).toList();
    }
}
