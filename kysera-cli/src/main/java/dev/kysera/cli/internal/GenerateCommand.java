package dev.kysera.cli.internal;

import dev.kysera.migrations.MigrationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kysera generate …}: Java sources from the live schema. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate Java code from the live schema.")
final class GenerateCommand {

    private final Context context;

    GenerateCommand(Context context) {
        this.context = context;
    }

    @Command(name = "repositories", mixinStandardHelpOptions = true,
            description = "One <Table>Repository.java per table with a primary key (single or composite): typed fields, row records, a kysera-repository factory.")
    int repositories(@Mixin Common common,
                     @Option(names = {"-p", "--package"}, paramLabel = "PACKAGE", description = "Java package (generate.package; default: db).") String packageName,
                     @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Source root (generate.output; default: src/main/java).") String output,
                     @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Only these tables (repeatable).") List<String> only) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("generate.package", packageName);
        flags.put("generate.output", output);
        Config config = common.config(context, flags);
        String pkg = config.string("generate.package", "db");
        if (!JavaNames.isPackageName(pkg)) {
            throw new ConfigException("generate.package (" + config.source("generate.package") + ") is not a Java package name: '" + pkg + "'");
        }
        Path directory = config.path("generate.output", "src/main/java").resolve(pkg.replace('.', '/'));
        Set<String> internal = Set.of(config.string("migrations.table", MigrationConfig.DEFAULT_HISTORY_TABLE).toLowerCase(Locale.ROOT),
                config.string("migrations.table", MigrationConfig.DEFAULT_HISTORY_TABLE).toLowerCase(Locale.ROOT) + "_lock",
                config.string("audit.table", "audit_log").toLowerCase(Locale.ROOT));
        try (Database db = Database.open(config, true)) {
            List<Introspection.TableInfo> tables = new ArrayList<>();
            if (only == null || only.isEmpty()) {
                for (Introspection.TableInfo table : Introspection.read(db.metaDsl(), null)) {
                    if (!internal.contains(table.name().toLowerCase(Locale.ROOT))) {
                        tables.add(table);
                    }
                }
            } else {
                for (String table : only) {
                    tables.add(Introspection.read(db.metaDsl(), table).get(0));
                }
            }
            Files.createDirectories(directory);
            List<Map<String, Object>> written = new ArrayList<>();
            List<Map<String, Object>> skipped = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (Introspection.TableInfo table : tables) {
                String reason = RepositoryGenerator.unsupported(table);
                if (reason != null) {
                    skipped.add(Introspection.ordered("table", table.name(), "reason", reason));
                    context.warn("skipped " + table.name() + ": " + reason);
                    continue;
                }
                Path file = directory.resolve(RepositoryGenerator.className(table) + ".java");
                Files.writeString(file, RepositoryGenerator.generate(pkg, table, "kysera generate repositories"), StandardCharsets.UTF_8);
                written.add(Introspection.ordered("table", table.name(), "class", pkg + "." + RepositoryGenerator.className(table),
                        "file", file.toString()));
                text.append("wrote ").append(file).append('\n');
            }
            if (written.isEmpty()) {
                throw new CommandFailedException("No repository generated: no table with a primary key"
                        + (skipped.isEmpty() ? "" : " (skipped: " + skipped.stream().map(m -> m.get("table")).toList() + ")"));
            }
            context.result(Map.of("written", written, "skipped", skipped), text.toString());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + directory, e);
        }
    }
}
