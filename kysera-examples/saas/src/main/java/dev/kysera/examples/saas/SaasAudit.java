package dev.kysera.examples.saas;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.executor.ContextKey;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationVersion;

/**
 * The change history of projects and tasks (kysera-audit). Reading it goes through the request's
 * executor, so row-level security decides which history a tenant gets: only that of its own rows.
 */
final class SaasAudit {

    /** Who made a change: the authenticated user's name, set per request by {@link Workspace}. */
    static final ContextKey<String> CHANGED_BY = ContextKey.of("saas.changed-by", String.class);

    static final AuditOptions OPTIONS = AuditOptions.builder()
            .table("projects", "id")
            .table("tasks", "id")
            .changedBy(CHANGED_BY)
            .build();

    private SaasAudit() {
    }

    static AuditPlugin plugin() {
        return AuditPlugin.of(OPTIONS);
    }

    /** Creates the audit log after the schema (version 2, after the SQL migration V1). */
    static final class CreateAuditLog implements Migration {

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
            AuditTable.ddl(OPTIONS.auditTable(), ctx.dialect()).forEach(ctx::execute);
        }

        @Override
        public void down(MigrationContext ctx) {
            ctx.execute(AuditTable.dropDdl(OPTIONS.auditTable()));
        }

        @Override
        public boolean isReversible() {
            return true;
        }
    }
}
