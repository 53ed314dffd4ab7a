package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;

/** {@code kysera audit …} against kysera-audit's real table, {@code kysera soft-delete …} through the executor. */
class PluginCommandsTest {

    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);

    @TempDir
    Path dir;

    private static AuditPlugin setUp(TestDatabase db, String members, String auditTable) {
        db.executeScript("create table " + members + " (id bigint not null primary key, name varchar(100) not null, deleted_at timestamp);");
        AuditPlugin audit = AuditOptions.builder().auditTable(auditTable).table(members, "id").plugin();
        AuditTable.create(db.dsl(), audit.options());
        return audit;
    }

    private CliRun cli(TestDatabase db, String members, String auditTable) {
        return new CliRun(dir).yaml("database:", "  url: " + db.jdbcUrl(), "audit:", "  table: " + auditTable, "  tables:", "    " + members + ": id");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void audit_history_diff_restore_and_purge(TestDatabase db) {
        Table<Record> MEMBERS = DSL.table(DSL.name("members"));
        AuditPlugin audit = setUp(db, "members", "cli_audit");
        List<AuditEntry> written;
        try (Executor executor = Executor.of(db.dsl(), audit)) {
            AuditLog log = audit.log(executor);
            executor.transaction(tx -> tx.dsl().insertInto(MEMBERS).set(ID, 7L).set(NAME, "Ann").execute());
            executor.transaction(tx -> tx.dsl().update(MEMBERS).set(NAME, "Anna").where(ID.eq(7L)).execute());
            executor.transaction(tx -> tx.dsl().update(MEMBERS).set(NAME, "Annika").where(ID.eq(7L)).execute());
            written = log.history("members", 7L);
        }
        CliRun cli = cli(db, "members", "cli_audit");

        Map<String, Object> history = cli.run("audit", "history", "members", "7", "--json").ok().json();
        assertThat(CliRun.list(history.get("entries"))).extracting(e -> e.get("id") + ":" + e.get("operation"))
                .containsExactly(written.get(0).id() + ":INSERT", written.get(1).id() + ":UPDATE", written.get(2).id() + ":UPDATE");
        assertThat(cli.run("audit", "history", "members", "7").ok().out()).contains("name: Ann -> Anna", "name: Anna -> Annika");

        Map<String, Object> diff = cli.run("audit", "diff", String.valueOf(written.get(0).id()), String.valueOf(written.get(2).id()), "--json")
                .ok().json();
        assertThat(CliRun.list(diff.get("changes"))).extracting(c -> c.get("column") + ":" + c.get("before") + "->" + c.get("after"))
                .containsExactly("name:Ann->Annika");

        cli.run("audit", "restore", "members", "7", "--entry", String.valueOf(written.get(1).id())).ok();
        assertThat(db.dsl().fetchValue(DSL.select(NAME).from(MEMBERS).where(ID.eq(7L)))).isEqualTo("Ann");
        assertThat(CliRun.list(cli.run("audit", "history", "members", "7", "--json").ok().json().get("entries")))
                .as("the restore is audited").hasSize(4).last().satisfies(e -> assertThat(e.get("operation")).isEqualTo("UPDATE"));

        assertThat(cli.run("audit", "restore", "members", "7", "--entry", String.valueOf(written.get(0).id())).exit(ExitCode.FAILED).err())
                .contains("INSERT");
        assertThat(cli.run("audit", "history", "members", "seven").exit(ExitCode.USAGE).err()).contains("'seven' is not a value of members.id");
        assertThat(cli.run("audit", "purge", "--older-than", "0s").exit(ExitCode.USAGE).err()).contains("--yes");
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("cli_audit")))).isEqualTo(4);

        CliRun.Result purged = cli.run("audit", "purge", "--before", "2999-01-01", "--yes", "--json").ok();
        assertThat(purged.json().get("deleted")).isEqualTo(4L);
        assertThat(purged.err()).contains("purged 4 entries");
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("cli_audit")))).isZero();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void soft_delete_list_restore_purge_through_the_executor_so_audit_applies(TestDatabase db) {
        Table<Record> MEMBERS = DSL.table(DSL.name("sd_members"));
        setUp(db, "sd_members", "sd_audit");
        db.dsl().insertInto(MEMBERS).columns(ID, NAME, DSL.field(DSL.name("deleted_at"), java.time.LocalDateTime.class))
                .values(1L, "live", null)
                .values(2L, "gone", java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 5))
                .values(3L, "gone too", java.time.LocalDateTime.of(2026, 1, 3, 3, 4, 5))
                .execute();
        CliRun cli = cli(db, "sd_members", "sd_audit");

        assertThat(CliRun.list(cli.run("soft-delete", "list", "sd_members", "--json").ok().json().get("rows")))
                .extracting(r -> r.get("id") + ":" + r.get("name")).containsExactly("2:gone", "3:gone too");

        cli.run("soft-delete", "restore", "sd_members", "2").ok();
        assertThat(db.dsl().fetchValue(DSL.select(DSL.field(DSL.name("deleted_at"))).from(MEMBERS).where(ID.eq(2L)))).isNull();
        assertThat(cli.run("soft-delete", "restore", "sd_members", "1").exit(ExitCode.FAILED).err()).contains("is not soft-deleted");
        assertThat(cli.run("soft-delete", "restore", "sd_members", "9").exit(ExitCode.FAILED).err()).contains("NOT_FOUND");

        assertThat(cli.run("soft-delete", "purge", "sd_members").exit(ExitCode.USAGE).err()).contains("--yes");
        CliRun.Result purge = cli.run("soft-delete", "purge", "sd_members", "--yes").ok();
        assertThat(purge.out()).contains("Purged 1 soft-deleted rows of sd_members.");
        assertThat(db.dsl().fetch("select id from sd_members order by id").map(r -> r.get(0, Long.class))).containsExactly(1L, 2L);

        List<Map<String, Object>> entries = CliRun.list(cli.run("audit", "history", "sd_members", "2", "--json").ok().json().get("entries"));
        assertThat(entries).extracting(e -> e.get("operation")).containsExactly(AuditOperation.RESTORE.name());
        assertThat(entries.get(0).get("changedColumns")).isEqualTo(List.of("deleted_at"));
        assertThat(CliRun.list(cli.run("audit", "history", "sd_members", "3", "--json").ok().json().get("entries")))
                .extracting(e -> e.get("operation")).containsExactly(AuditOperation.DELETE.name());

        assertThat(cli.run("soft-delete", "list", "audit_nothing").exit(ExitCode.FAILED).err()).contains("No table 'audit_nothing'");
    }
}
