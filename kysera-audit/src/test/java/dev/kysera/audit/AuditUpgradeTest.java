package dev.kysera.audit;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationContext;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.Migrator;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * An audit table created before {@code RESTORE} existed is upgraded by a migration of its own
 * ({@link AuditTable#upgradeDdl}, as the README shows it): its rows are kept, ids keep increasing,
 * and it then accepts {@code RESTORE} while still refusing unknown operations.
 */
class AuditUpgradeTest {

    static final AuditOptions OPTIONS = AuditOptions.builder().table("users", "id").auditTable("upgraded_audit_log")
            .clock(Fixtures.CLOCK).changedBy(Fixtures.USER).build();

    private static final Table<Record> LOG = DSL.table(DSL.name("upgraded_audit_log"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);

    /** Widens the audit table's operation CHECK for RESTORE; add it after the migration that created the table. */
    static final class UpgradeAuditLog implements Migration {
        @Override
        public MigrationVersion version() {
            return MigrationVersion.of("2026.2");
        }

        @Override
        public String name() {
            return "allow RESTORE in the audit log";
        }

        @Override
        public void up(MigrationContext ctx) {
            AuditTable.upgradeDdl(OPTIONS.auditTable(), ctx.dialect()).forEach(ctx::execute);
        }
    }

    /** The table as the module created it before RESTORE existed. */
    private static void createOldTable(TestDatabase db) {
        for (String statement : AuditTable.ddl(OPTIONS.auditTable(), db.dialect())) {
            db.dsl().execute(statement.replace(", 'RESTORE'", ""));
        }
    }

    private static void insertOperation(TestDatabase db, String operation) {
        db.dsl().insertInto(LOG).columns(DSL.field(DSL.name("table_name")), DSL.field(DSL.name("entity_key")),
                        DSL.field(DSL.name("operation")), DSL.field(DSL.name("changed_at"), LocalDateTime.class),
                        DSL.field(DSL.name("transaction_id")))
                .values("users", "{\"id\":1}", operation, Fixtures.NOW, "00000000-0000-0000-0000-000000000000").execute();
    }

    @MatrixTest
    void an_old_audit_table_is_upgraded_keeping_its_rows_and_then_accepts_restore(TestDatabase db) {
        db.useTestSchema();
        db.dsl().dropTableIfExists(DSL.name(OPTIONS.auditTableName())).execute();
        createOldTable(db);
        AuditPlugin audit = AuditPlugin.of(OPTIONS);
        Executor executor = Executor.of(db.dsl(), audit).with(Fixtures.USER, "ann");
        executor.transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1001L, "a@example.com", "a").values(1002L,
                    "b@example.com", "b").execute();
            tx.dsl().update(USERS).set(USERS.NAME, "a2").where(USERS.ID.eq(1001L)).execute();
        });
        assertThatThrownBy(() -> insertOperation(db, "RESTORE")).isInstanceOf(DataAccessException.class);
        // The newest entry purged: the upgraded table must not hand its id out again (SQLite's rebuild keeps the sequence).
        // (Its id is read, not assumed: MariaDB may leave gaps when it numbers a batch's rows.)
        long newest = db.dsl().select(DSL.max(ID)).from(LOG).fetchOne(0, Long.class);
        db.dsl().deleteFrom(LOG).where(ID.eq(newest)).execute();
        Result<Record> before = db.dsl().selectFrom(LOG).orderBy(ID).fetch();
        assertThat(before.getValues("operation", String.class)).containsExactly("INSERT", "INSERT");

        Migrator migrator = Migrator.create(MigrationConfig.builder().dataSource(db.dataSource()).dialect(db.dialect())
                .historyTable("audit_upgrade_history").lockTimeout(Duration.ofSeconds(20)).migrations(new UpgradeAuditLog()).build());
        try {
            assertThat(migrator.up().versions()).containsExactly(MigrationVersion.of("2026.2"));
            assertThat(db.dsl().selectFrom(LOG).orderBy(ID).fetch()).isEqualTo(before);
            insertOperation(db, "RESTORE");
            assertThatThrownBy(() -> insertOperation(db, "BOGUS")).isInstanceOf(DataAccessException.class);
            // Running the statements again changes nothing; new entries continue the ids and are found by the log.
            AuditTable.upgradeDdl(OPTIONS.auditTable(), db.dialect()).forEach(db.dsl()::execute);
            executor.transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1002L)).execute());
            // (PostgreSQL and H2 spend identity values on the refused inserts too.)
            Result<Record> rows = db.dsl().selectFrom(LOG).orderBy(ID).fetch();
            assertThat(rows.getValues(DSL.field(DSL.name("operation"), String.class)))
                    .containsExactly("INSERT", "INSERT", "RESTORE", "DELETE");
            assertThat(rows.subList(0, 2)).isEqualTo(before);
            List<Long> ids = rows.getValues("id", Long.class);
            assertThat(ids).startsWith(1L, 2L).isSorted().doesNotHaveDuplicates();
            assertThat(ids.get(2)).isGreaterThan(newest);
            assertThat(audit.log(executor).everyEntry(audit.bypassToken()).history("users", 1002L))
                    .extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.DELETE);
            assertThat(audit.log(executor).history("users", 1001L)).extracting(AuditEntry::operation)
                    .containsExactly(AuditOperation.INSERT);
        } finally {
            db.dsl().dropTableIfExists(DSL.name(OPTIONS.auditTableName())).execute();
            db.dsl().dropTableIfExists(DSL.name("audit_upgrade_history")).execute();
        }
    }
}
