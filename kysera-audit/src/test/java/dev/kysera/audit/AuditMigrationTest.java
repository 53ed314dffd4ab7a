package dev.kysera.audit;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.migrations.DownTarget;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.Migrator;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import org.jooq.impl.DSL;

/** The audit table created and dropped by a Java migration of kysera-migrations, as the README shows it. */
class AuditMigrationTest {

    static final AuditOptions OPTIONS = AuditOptions.builder().table("users", "id").auditTable("migrated_audit_log").build();

    /** Creates the audit log table; add it to the application's migrations. */
    static final class CreateAuditLog implements Migration {
        @Override
        public MigrationVersion version() {
            return MigrationVersion.of("2026.1");
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

    @MatrixTest
    void the_migration_creates_a_working_audit_table_and_its_down_step_drops_it(TestDatabase db) {
        db.useTestSchema();
        db.dsl().dropTableIfExists(DSL.name(OPTIONS.auditTableName())).execute();
        Migrator migrator = Migrator.create(MigrationConfig.builder().dataSource(db.dataSource()).dialect(db.dialect())
                .historyTable("audit_migration_history").lockTimeout(Duration.ofSeconds(20)).migrations(new CreateAuditLog()).build());
        try {
            assertThat(migrator.up().versions()).containsExactly(MigrationVersion.of("2026.1"));
            AuditPlugin audit = AuditPlugin.of(OPTIONS);
            Executor executor = Executor.of(db.dsl(), audit);
            executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1001L, "m@example.com", "m")
                    .execute());
            assertThat(audit.log(executor).history("users", 1001L)).singleElement().extracting(AuditEntry::operation)
                    .isEqualTo(AuditOperation.INSERT);
            assertThat(migrator.up().versions()).isEmpty();

            assertThat(migrator.down(DownTarget.steps(1)).versions()).containsExactly(MigrationVersion.of("2026.1"));
            assertThatThrownBy(() -> db.dsl().fetchCount(DSL.table(DSL.name(OPTIONS.auditTableName()))))
                    .isInstanceOf(org.jooq.exception.DataAccessException.class);
        } finally {
            db.dsl().dropTableIfExists(DSL.name(OPTIONS.auditTableName())).execute();
            db.dsl().dropTableIfExists(DSL.name("audit_migration_history")).execute();
        }
    }
}
