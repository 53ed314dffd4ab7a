package dev.kysera.cli.internal;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.temporal.TemporalValues;
import dev.kysera.core.temporal.TimestampStorage;
import dev.kysera.executor.Executor;
import dev.kysera.softdelete.SoftDeletePlugin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kysera soft-delete …}: soft-deleted rows, read and changed through an executor with
 * kysera-soft-delete and the configured plugins, so a restore or purge is audited like any write.
 */
@Command(name = "soft-delete", mixinStandardHelpOptions = true,
        description = "List, restore or purge soft-deleted rows (softDelete.column, default deleted_at), through the executor.")
final class SoftDeleteCommand {

    private static final int BATCH = 500;

    private final Context context;

    SoftDeleteCommand(Context context) {
        this.context = context;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The soft-deleted rows of a table, by primary key.")
    int list(@Mixin Common common, @Parameters(paramLabel = "TABLE") String table,
             @Option(names = "--limit", defaultValue = "100", description = "At most this many rows (default ${DEFAULT-VALUE}).") int limit) {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, was " + limit);
        }
        Config config = common.config(context);
        try (Database db = Database.open(config, true)) {
            Target target = target(config, db, table);
            try (Plugins.Stack stack = Plugins.stack(config, db, target.plugin)) {
                Executor all = target.plugin.includingDeleted(stack.executor());
                List<Map<String, Object>> rows = new ArrayList<>();
                StringBuilder text = new StringBuilder();
                for (Record record : all.dsl().selectFrom(target.table).where(target.marker.isNotNull())
                        .orderBy(target.key.toArray(Field[]::new)).limit(limit).fetch()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Field<?> field : record.fields()) {
                        row.put(field.getName(), record.get(field));
                    }
                    rows.add(row);
                    text.append(row).append('\n');
                }
                context.result(Map.of("table", target.table.getName(), "rows", rows),
                        rows.isEmpty() ? "No soft-deleted rows in " + target.table.getName() + "." : text.toString());
                return 0;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Make a soft-deleted row live again.")
    int restore(@Mixin Common common, @Parameters(index = "0", paramLabel = "TABLE") String table,
                @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The primary key value(s), in key order.") List<String> key) {
        Config config = common.config(context);
        try (Database db = Database.open(config, true)) {
            Target target = target(config, db, table);
            List<Object> typedKey = Keys.convert(target.table, target.key.stream().map(Field::getName).toList(), key);
            Condition byKey = byKey(target.key, typedKey);
            try (Plugins.Stack stack = Plugins.stack(config, db, target.plugin)) {
                // restoring(…): the UPDATE is a restore, so audit records RESTORE, not a plain UPDATE
                Executor all = target.plugin.restoring(target.plugin.includingDeleted(stack.executor()));
                all.transaction(tx -> {
                    @SuppressWarnings("unchecked")
                    Field<Object> marker = (Field<Object>) target.marker;
                    int updated = tx.dsl().update(target.table).set(marker, (Object) null).where(byKey).and(marker.isNotNull()).execute();
                    if (updated == 0) {
                        if (tx.dsl().fetchExists(target.table, byKey)) {
                            throw new CommandFailedException(target.table.getName() + " " + key + " is not soft-deleted");
                        }
                        throw new NotFoundException(target.table.getName(), typedKey.size() == 1 ? typedKey.get(0) : typedKey);
                    }
                });
                context.result(Map.of("table", target.table.getName(), "key", typedKey, "restored", true),
                        "Restored " + target.table.getName() + " " + key + ".");
                return 0;
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Delete the soft-deleted rows of a table for good (with --older-than: only rows deleted before then), "
                    + "in batches of 500 (each committed), with progress. Needs --yes.")
    int purge(@Mixin Common common, @Parameters(paramLabel = "TABLE") String table,
              @Option(names = "--older-than", paramLabel = "DURATION",
                      description = "Only rows soft-deleted longer ago than this: 30d, 12h or ISO-8601 (P30D).") String olderThan,
              @Option(names = "--yes", description = "Confirm the deletion (there is no interactive prompt).") boolean yes) {
        Instant before = olderThan == null ? null : Instants.ago("--older-than", olderThan);
        if (!yes) {
            throw new UsageException("soft-delete purge deletes the soft-deleted rows of " + table
                    + (before == null ? "" : " deleted before " + before) + " for good: add --yes to confirm");
        }
        Config config = common.config(context);
        try (Database db = Database.open(config, true)) {
            Target target = target(config, db, table);
            Condition purgeable = before == null ? target.marker.isNotNull() : deletedBefore(target, before, db.dialect());
            try (Plugins.Stack stack = Plugins.stack(config, db, target.plugin)) {
                Executor all = target.plugin.includingDeleted(stack.executor());
                long total = 0;
                while (true) {
                    int deleted = all.transactionResult(tx -> {
                        List<Condition> rows = new ArrayList<>();
                        for (Record record : tx.dsl().select(target.key).from(target.table).where(purgeable)
                                .orderBy(target.key.toArray(Field[]::new)).limit(BATCH).fetch()) {
                            List<Object> values = new ArrayList<>();
                            for (Field<?> field : target.key) {
                                values.add(record.get(field));
                            }
                            rows.add(byKey(target.key, values));
                        }
                        return rows.isEmpty() ? 0 : tx.dsl().deleteFrom(target.table).where(DSL.or(rows)).and(purgeable).execute();
                    });
                    if (deleted == 0) {
                        break;
                    }
                    total += deleted;
                    context.progress("purged " + total + " rows of " + target.table.getName());
                }
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("table", target.table.getName());
                json.put("deletedBefore", before == null ? null : before.toString());
                json.put("deleted", total);
                context.result(json, "Purged " + total + " soft-deleted rows of " + target.table.getName()
                        + (before == null ? "" : " deleted before " + before) + ".");
                return 0;
            }
        }
    }

    private record Target(Table<?> table, List<Field<?>> key, Field<?> marker, SoftDeletePlugin plugin) {
    }

    private static Target target(Config config, Database db, String name) {
        Introspection.TableInfo info = Introspection.read(db.metaDsl(), name).get(0);
        if (info.primaryKey().isEmpty()) {
            throw new CommandFailedException("Table " + info.name() + " has no primary key; soft-delete commands address rows by key");
        }
        String column = config.string("softDelete.column", "deleted_at");
        Field<?> marker;
        try {
            marker = Keys.field(info.table(), column);
        } catch (ConfigException e) {
            throw new ConfigException("Table " + info.name() + " has no soft-delete column '" + column + "' (softDelete.column, "
                    + config.source("softDelete.column") + ")");
        }
        List<Field<?>> key = info.primaryKey().stream().<Field<?>>map(c -> Keys.field(info.table(), c)).toList();
        return new Target(info.table(), key, marker, Plugins.softDelete(config, info.name()));
    }

    /** Soft-deleted before {@code before}: compared with a value typed as soft delete writes the column (timestamp, epoch, ISO text). */
    @SuppressWarnings("unchecked")
    private static Condition deletedBefore(Target target, Instant before, SQLDialect dialect) {
        Field<Object> marker = (Field<Object>) target.marker;
        try {
            return marker.lt((Field<Object>) TemporalValues.bind(marker, marker.getName(), TimestampStorage.AUTO, before, dialect));
        } catch (IllegalStateException e) {
            throw new CommandFailedException("--older-than: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Condition byKey(List<Field<?>> key, List<Object> values) {
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(((Field<Object>) key.get(i)).eq(values.get(i)));
        }
        return DSL.and(parts);
    }
}
