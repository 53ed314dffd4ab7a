package dev.kysera.cli.internal;

import dev.kysera.audit.AuditDiff;
import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kysera audit …}: kysera-audit's own table, read and written through its {@link AuditLog}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read the audit log written by kysera-audit (a row's history, or entries by table, user and time), compare versions, "
                + "restore a row, purge old entries. Needs audit.tables.")
final class AuditCommand {

    private final Context context;

    AuditCommand(Context context) {
        this.context = context;
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every entry of one row, oldest first.")
    int history(@Mixin Common common, @Parameters(index = "0", paramLabel = "TABLE") String table,
                @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The primary key value(s), in key order.") List<String> key) {
        Config config = common.config(context);
        AuditPlugin audit = Plugins.requireAudit(config);
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            Table<?> target = Introspection.read(db.metaDsl(), table).get(0).table();
            List<Object> typedKey = Keys.convert(target, keyColumns(audit, table), key);
            List<AuditEntry> entries = stack.log().history(target.getName(), typedKey.toArray());
            context.result(Map.of("table", target.getName(), "key", typedKey, "entries", entries.stream().map(AuditCommand::json).toList()),
                    entries.isEmpty() ? "No audit entries for " + target.getName() + " " + key + "." : text(entries, false));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Entries by table, row, operation, user and time, in write order, a page at a time (--after-id for the next).")
    int list(@Mixin Common common,
             @Option(names = "--table", paramLabel = "TABLE", description = "Only this audited table.") String table,
             @Option(names = "--key", arity = "1..*", paramLabel = "KEY", description = "Only this row of --table: its primary key value(s), in key order.") List<String> key,
             @Option(names = "--operation", paramLabel = "OP", description = "Only this operation: ${COMPLETION-CANDIDATES}.") AuditOperation operation,
             @Option(names = "--by", paramLabel = "USER", description = "Only changes by this user (changed_by).") String changedBy,
             @Option(names = "--from", paramLabel = "TIME", description = "Only entries written at or after this instant or UTC date.") String from,
             @Option(names = "--since", paramLabel = "DURATION", description = "Only entries of the last DURATION (30d, 12h, PT30M); instead of --from.") String since,
             @Option(names = "--to", paramLabel = "TIME", description = "Only entries written before this instant or UTC date.") String to,
             @Option(names = "--after-id", paramLabel = "ID", defaultValue = "0", description = "Only entries after this id (the previous page's last).") long afterId,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N entries (1 to 10000; default ${DEFAULT-VALUE}).") int limit) {
        if (key != null && table == null) {
            throw new UsageException("--key needs --table");
        }
        if (from != null && since != null) {
            throw new UsageException("--from and --since are alternatives: give one");
        }
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new UsageException("--limit must be between 1 and " + AuditQuery.MAX_LIMIT + ", was " + limit);
        }
        Instant start = from != null ? Instants.parse("--from", from) : since != null ? Instants.ago("--since", since) : null;
        Instant end = to == null ? null : Instants.parse("--to", to);
        Config config = common.config(context);
        AuditPlugin audit = Plugins.requireAudit(config);
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            AuditQuery query = AuditQuery.all().between(start, end).operation(operation).changedBy(changedBy).afterId(afterId).limit(limit);
            if (table != null) {
                List<String> keyColumns = keyColumns(audit, table); // refuses a table that is not audited
                query = key == null ? query.table(table)
                        : query.row(table, Keys.convert(Introspection.read(db.metaDsl(), table).get(0).table(), keyColumns, key).toArray());
            }
            List<AuditEntry> entries = stack.log().find(query);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("entries", entries.stream().map(AuditCommand::json).toList());
            // A full page may have more after it; the caller passes this as --after-id.
            json.put("nextAfterId", entries.size() == limit ? entries.getLast().id() : null);
            String more = entries.size() == limit ? "more: --after-id " + entries.getLast().id() + "\n" : "";
            context.result(json, entries.isEmpty() ? "No audit entries match." : text(entries, true) + more);
            return 0;
        }
    }

    /** One line per entry (and one per changed column of an update); with the table and key when {@code withRow}. */
    private static String text(List<AuditEntry> entries, boolean withRow) {
        StringBuilder text = new StringBuilder();
        for (AuditEntry entry : entries) {
            text.append('#').append(entry.id()).append(' ').append(entry.changedAt()).append(' ');
            if (withRow) {
                text.append(entry.table()).append(' ').append(entry.key()).append(' ');
            }
            text.append(entry.operation()).append(entry.changedBy() == null ? "" : " by " + entry.changedBy());
            if (entry.operation() == AuditOperation.INSERT) {
                text.append(' ').append(entry.newValues());
            } else if (entry.operation() == AuditOperation.DELETE) {
                text.append(' ').append(entry.oldValues());
            } else {
                for (String column : entry.changedColumns()) {
                    text.append("\n    ").append(column).append(": ").append(entry.oldValues().get(column)).append(" -> ")
                            .append(entry.newValues().get(column));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "The columns that differ between the versions two entries of one row left.")
    int diff(@Mixin Common common, @Parameters(index = "0", paramLabel = "FROM-ID") long fromId, @Parameters(index = "1", paramLabel = "TO-ID") long toId) {
        Config config = common.config(context);
        Plugins.requireAudit(config);
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            List<AuditDiff> diff = stack.log().diff(fromId, toId);
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (AuditDiff change : diff) {
                json.add(Introspection.ordered("column", change.column(), "before", change.before(), "after", change.after()));
                text.append(change.column()).append(": ").append(change.before()).append(" -> ").append(change.after()).append('\n');
            }
            context.result(Map.of("from", fromId, "to", toId, "changes", json), diff.isEmpty() ? "No differences." : text.toString());
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put a row back as it was before entry ID, through the executor (the restore is audited too).")
    int restore(@Mixin Common common, @Parameters(index = "0", paramLabel = "TABLE") String table,
                @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The primary key value(s), in key order.") List<String> key,
                @Option(names = "--entry", required = true, paramLabel = "ID", description = "The audit entry to undo.") long entryId) {
        Config config = common.config(context);
        AuditPlugin audit = Plugins.requireAudit(config);
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            Table<?> target = Introspection.read(db.metaDsl(), table).get(0).table();
            List<Object> typedKey = Keys.convert(target, keyColumns(audit, table), key);
            AuditOperation written = stack.log().restore(target, typedKey, entryId).operation();
            context.result(Map.of("table", target.getName(), "key", typedKey, "entry", entryId, "written", written.name()),
                    "Restored " + target.getName() + " " + key + " to before entry #" + entryId + " (" + written + ").");
            return 0;
        }
    }

    /** {@code --before TIME} or {@code --older-than DURATION}. */
    static final class Cutoff {
        @Option(names = "--before", paramLabel = "TIME", description = "An instant (2026-01-31T00:00:00Z) or a UTC date (2026-01-31).")
        String before;

        @Option(names = "--older-than", paramLabel = "DURATION", description = "Entries older than this: 90d, 12h or ISO-8601 (P90D).")
        String olderThan;

        Instant instant() {
            return before != null ? Instants.parse("--before", before) : Instants.ago("--older-than", olderThan);
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Delete entries written before a time, in batches of 1000 (each committed), with progress. Needs --yes.")
    int purge(@Mixin Common common, @ArgGroup(multiplicity = "1") Cutoff cutoff,
              @Option(names = "--yes", description = "Confirm the deletion (there is no interactive prompt).") boolean yes) {
        Config config = common.config(context);
        Plugins.requireAudit(config);
        Instant before = cutoff.instant();
        if (!yes) {
            throw new UsageException("audit purge deletes entries written before " + before + " for good: add --yes to confirm");
        }
        try (Database db = Database.open(config, true); Plugins.Stack stack = Plugins.stack(config, db)) {
            long deleted = stack.log().purge(stack.audit().bypassToken(), before,
                    total -> context.progress("purged " + total + " entries"));
            context.result(Map.of("before", before.toString(), "deleted", deleted),
                    "Purged " + deleted + " audit entries written before " + before + ".");
            return 0;
        }
    }

    private static List<String> keyColumns(AuditPlugin audit, String table) {
        return audit.options().table(table).orElseThrow(() -> new ConfigException("Table " + table
                + " is not audited: add it under audit.tables (for example 'audit.tables." + table + ": id')")).key();
    }

    static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("table", entry.table());
        json.put("key", entry.key());
        json.put("operation", entry.operation().name());
        json.put("oldValues", entry.oldValues());
        json.put("newValues", entry.newValues());
        json.put("changedColumns", entry.changedColumns());
        json.put("changedBy", entry.changedBy());
        json.put("changedAt", entry.changedAt() == null ? null : entry.changedAt().toString());
        json.put("transactionId", entry.transactionId());
        return json;
    }
}
