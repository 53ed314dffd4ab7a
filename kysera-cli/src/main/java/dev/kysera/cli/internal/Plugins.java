package dev.kysera.cli.internal;

import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugins the configuration asks for, built the way an application would build them. */
final class Plugins {

    private Plugins() {
    }

    /** The audit plugin when {@code audit.tables.*} is configured. */
    static Optional<AuditPlugin> audit(Config config) {
        Map<String, List<String>> tables = config.auditTables();
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        try {
            AuditOptions.Builder builder = AuditOptions.builder().auditTable(config.string("audit.table", "audit_log"));
            tables.forEach((table, key) -> builder.table(AuditedTable.of(table, key.toArray(String[]::new))));
            return Optional.of(builder.plugin());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("audit: " + e.getMessage(), e);
        }
    }

    /** The audit plugin, or a configuration error saying how to configure it. */
    static AuditPlugin requireAudit(Config config) {
        return audit(config).orElseThrow(() -> new ConfigException(
                "No audited tables are configured: list them under audit.tables (for example 'audit.tables.users: id')"));
    }

    /** Soft delete on the given tables, with {@code softDelete.column} (default {@code deleted_at}). */
    static SoftDeletePlugin softDelete(Config config, String... tables) {
        try {
            return SoftDeletePlugin.of(SoftDeleteOptions.builder()
                    .timestampColumn(config.string("softDelete.column", "deleted_at"))
                    .tables(tables).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("softDelete: " + e.getMessage(), e);
        }
    }

    /** An executor with the configured plugins and {@code extra} ones; the audit log, when configured, reads every entry (the CLI is an administrator tool). */
    static Stack stack(Config config, Database db, Plugin... extra) {
        List<Plugin> plugins = new ArrayList<>(List.of(extra));
        Optional<AuditPlugin> audit = audit(config);
        audit.ifPresent(plugins::add);
        Executor executor = db.executor(plugins);
        try {
            return new Stack(executor, audit.orElse(null), audit.map(plugin -> plugin.log(executor).everyEntry(plugin.bypassToken())).orElse(null));
        } catch (RuntimeException e) {
            executor.close();
            throw e;
        }
    }

    /**
     * An executor and, when audit is configured, its plugin and log (else both null: the commands
     * that need them check {@link #requireAudit} first). Closing closes the executor.
     */
    record Stack(Executor executor, AuditPlugin audit, AuditLog log) implements AutoCloseable {
        @Override
        public void close() {
            executor.close();
        }
    }
}
