package dev.kysera.examples;

import dev.kysera.audit.AuditTable;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationSources;
import dev.kysera.migrations.Migrator;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * An example application's schema history: {@code V1__<app>_schema} (SQL, with variants per
 * database, in {@code dev/kysera/examples/<app>/migrations}) and V2, the application's audit
 * table, as a Java migration that takes its DDL from kysera-audit. Each application has its own
 * history table ({@code <app>_schema_history}), so the blog and the shop can share a database.
 */
public final class AppMigrations {

    private AppMigrations() {
    }

    /**
     * A migrator for one application's schema.
     *
     * @param app        {@code blog} or {@code shop}: names the migrations' location and the history table
     * @param auditTable the audit table V2 creates
     * @throws IllegalArgumentException if {@code app} is not a lower-case word
     */
    public static Migrator migrator(DataSource dataSource, SQLDialect dialect, String app, String auditTable) {
        if (!Objects.requireNonNull(app, "app").matches("[a-z]+")) {
            throw new IllegalArgumentException("app must be a lower-case word, was '" + app + "'");
        }
        Migration auditLog = Migration.of("2", "audit log",
                ctx -> AuditTable.ddl(auditTable, ctx.dsl().dialect()).forEach(ctx::execute),
                ctx -> ctx.dsl().dropTable(auditTable).execute());
        return Migrator.create(MigrationConfig.builder()
                .dataSource(dataSource)
                .dialect(dialect)
                .source(MigrationSources.classpath("dev/kysera/examples/" + app + "/migrations"))
                .migrations(auditLog)
                .historyTable(app + "_schema_history")
                .build());
    }
}
