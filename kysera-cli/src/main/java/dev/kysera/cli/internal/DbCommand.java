package dev.kysera.cli.internal;

import dev.kysera.executor.Executor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Queries;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kysera db …}: introspection and seed data. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Inspect the schema and load seed data.")
final class DbCommand {

    private final Context context;

    DbCommand(Context context) {
        this.context = context;
    }

    @Command(name = "introspect", mixinStandardHelpOptions = true,
            description = "Tables of the current schema: columns, primary keys, foreign keys and indexes (jOOQ's JDBC meta).")
    int introspect(@Mixin Common common, @Parameters(paramLabel = "TABLE", arity = "0..1", description = "Only this table.") String table) {
        Config config = common.config(context);
        try (Database db = Database.open(config, true)) {
            List<Introspection.TableInfo> tables = Introspection.read(db.metaDsl(), table);
            StringBuilder text = new StringBuilder();
            for (Introspection.TableInfo info : tables) {
                text.append(info.type().equals("TABLE") ? "table " : info.type().toLowerCase(java.util.Locale.ROOT) + " ")
                        .append(info.name()).append('\n');
                for (Introspection.Column column : info.columns()) {
                    text.append("  ").append(column.name()).append(' ').append(column.type())
                            .append(column.nullable() ? "" : " not null")
                            .append(column.identity() ? " identity" : "")
                            .append(column.hasDefault() ? " default" : "")
                            .append(info.primaryKey().contains(column.name()) ? " (pk)" : "").append('\n');
                }
                if (!info.primaryKey().isEmpty()) {
                    text.append("  primary key (").append(String.join(", ", info.primaryKey())).append(")\n");
                }
                for (Introspection.IndexInfo unique : info.uniqueKeys()) {
                    text.append("  unique key ").append(unique.name()).append(" (").append(String.join(", ", unique.columns())).append(")\n");
                }
                for (Introspection.ForeignKeyInfo fk : info.foreignKeys()) {
                    text.append("  foreign key ").append(fk.name()).append(" (").append(String.join(", ", fk.columns())).append(") -> ")
                            .append(fk.referencedTable()).append(" (").append(String.join(", ", fk.referencedColumns())).append(")\n");
                }
                for (Introspection.IndexInfo index : info.indexes()) {
                    text.append("  ").append(index.unique() ? "unique index " : "index ").append(index.name()).append(" (")
                            .append(String.join(", ", index.columns())).append(")\n");
                }
            }
            context.result(Map.of("database", db.displayUrl(), "tables", tables.stream().map(Introspection.TableInfo::json).toList()),
                    tables.isEmpty() ? "No tables." : text.toString());
            return 0;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Run the .sql files of seeds.directory (by name), each in one transaction through the executor, so configured plugins apply.")
    int seed(@Mixin Common common,
             @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Seed directory (seeds.directory; default: seeds).") String directory,
             @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run only this file.") Path file,
             @Option(names = "--dry-run", description = "Print the statements as they would be sent; run nothing.") boolean dryRun) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("seeds.directory", directory);
        Config config = common.config(context, flags);
        List<Path> files = seedFiles(config, file);
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            Executor executor = stack.executor();
            List<Map<String, Object>> done = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int index = 0;
            for (Path seed : files) {
                index++;
                String sql = read(seed);
                long started = System.nanoTime();
                int[] counts = executor.transactionResult(tx -> {
                    Queries queries = parse(tx, seed, sql);
                    int statements = 0;
                    int rows = 0;
                    for (Query query : queries) {
                        statements++;
                        if (dryRun) {
                            text.append(query.getSQL(org.jooq.conf.ParamType.INLINED)).append(";\n");
                        } else {
                            rows += query.execute();
                        }
                    }
                    return new int[] {statements, rows};
                });
                long ms = (System.nanoTime() - started) / 1_000_000;
                context.progress("[" + index + "/" + files.size() + "] " + seed.getFileName() + ": " + counts[0] + " statements"
                        + (dryRun ? " (dry run)" : ", " + counts[1] + " rows, " + ms + " ms"));
                done.add(Introspection.ordered("file", seed.toString(), "statements", counts[0], "rows", counts[1]));
            }
            if (!dryRun) {
                text.append("Seeded ").append(files.size()).append(" file(s), ")
                        .append(done.stream().mapToInt(m -> (Integer) m.get("rows")).sum()).append(" rows.");
            }
            context.result(Map.of("dryRun", dryRun, "files", done), text.toString());
            return 0;
        }
    }

    private static Queries parse(Executor tx, Path seed, String sql) {
        try {
            return tx.dsl().parser().parse(sql);
        } catch (org.jooq.impl.ParserException e) {
            throw new CommandFailedException(seed + ": cannot parse the SQL: " + e.getMessage());
        } catch (DataAccessException e) {
            throw new CommandFailedException(seed + ": " + e.getMessage());
        }
    }

    private static List<Path> seedFiles(Config config, Path file) {
        if (file != null) {
            Path resolved = config.workingDir().resolve(file).normalize();
            if (!Files.isRegularFile(resolved)) {
                throw new UsageException("Seed file " + resolved + " does not exist");
            }
            return List.of(resolved);
        }
        Path directory = config.path("seeds.directory", "seeds");
        if (!Files.isDirectory(directory)) {
            throw new ConfigException("The seed directory " + directory + " (seeds.directory, " + config.source("seeds.directory") + ") does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> seeds = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            if (seeds.isEmpty()) {
                throw new CommandFailedException("No .sql files in " + directory);
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
