package dev.kysera.examples.saas;

import dev.kysera.audit.AuditTable;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationVersion;
import java.util.Objects;

/**
 * Migration 2, after the SQL migration V1: the audit log of projects and tasks. The audit plugin
 * itself is the starter's, configured by the {@code kysera.audit.*} properties; the author of each
 * change is the request's authenticated user (the starter's {@code SecurityChangedByResolver}).
 *
 * @param auditTable the audit log's name, as the plugin writes it
 */
record CreateAuditLog(String auditTable) implements Migration {

    CreateAuditLog {
        Objects.requireNonNull(auditTable, "auditTable");
    }

    @Override
    public MigrationVersion version() {
        return MigrationVersion.of("2");
    }

    @Override
    public String name() {
        return "create the audit log";
    }

    @Override
    public void up(MigrationContext ctx) {
        AuditTable.ddl(auditTable, ctx.dialect()).forEach(ctx::execute);
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute(AuditTable.dropDdl(auditTable));
    }

    @Override
    public boolean isReversible() {
        return true;
    }
}
