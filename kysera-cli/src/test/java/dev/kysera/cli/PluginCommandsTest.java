package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void audit_list_by_table_row_user_operation_and_time_with_pages(TestDatabase db) {
        Table<Record> MEMBERS = DSL.table(DSL.name("al_members"));
        ContextKey<String> user = ContextKey.of("user", String.class);
        setUp(db, "al_members", "al_audit");
        Instant january = Instant.parse("2026-01-10T12:00:00Z");
        Instant february = Instant.parse("2026-02-10T12:00:00Z");
        try (Executor inJanuary = Executor.of(db.dsl(), plugin(user, january));
             Executor inFebruary = Executor.of(db.dsl(), plugin(user, february))) {
            Executor ann = inJanuary.with(user, "ann");
            ann.transaction(tx -> tx.dsl().insertInto(MEMBERS).set(ID, 1L).set(NAME, "one").execute());
            ann.transaction(tx -> tx.dsl().insertInto(MEMBERS).set(ID, 2L).set(NAME, "two").execute());
            Executor bob = inFebruary.with(user, "bob");
            bob.transaction(tx -> tx.dsl().update(MEMBERS).set(NAME, "uno").where(ID.eq(1L)).execute());
            bob.transaction(tx -> tx.dsl().deleteFrom(MEMBERS).where(ID.eq(2L)).execute());
        }
        CliRun cli = cli(db, "al_members", "al_audit");

        assertThat(list(cli, "--json")).containsExactly("al_members[1]:INSERT:ann", "al_members[2]:INSERT:ann", "al_members[1]:UPDATE:bob",
                "al_members[2]:DELETE:bob");
        assertThat(list(cli, "--by", "bob", "--json")).containsExactly("al_members[1]:UPDATE:bob", "al_members[2]:DELETE:bob");
        assertThat(list(cli, "--from", "2026-02-01", "--json")).containsExactly("al_members[1]:UPDATE:bob", "al_members[2]:DELETE:bob");
        assertThat(list(cli, "--to", "2026-02-10T12:00:00Z", "--json")).containsExactly("al_members[1]:INSERT:ann", "al_members[2]:INSERT:ann");
        assertThat(list(cli, "--table", "al_members", "--key", "2", "--json")).containsExactly("al_members[2]:INSERT:ann", "al_members[2]:DELETE:bob");
        assertThat(list(cli, "--operation", "update", "--json")).containsExactly("al_members[1]:UPDATE:bob");
        assertThat(list(cli, "--since", "3650d", "--by", "ann", "--json")).hasSize(2);
        assertThat(list(cli, "--since", "1h", "--json")).isEmpty();

        Map<String, Object> first = cli.run("audit", "list", "--limit", "3", "--json").ok().json();
        assertThat(CliRun.list(first.get("entries"))).hasSize(3);
        Object next = first.get("nextAfterId");
        assertThat(next).isEqualTo(CliRun.list(first.get("entries")).get(2).get("id"));
        Map<String, Object> second = cli.run("audit", "list", "--limit", "3", "--after-id", next.toString(), "--json").ok().json();
        assertThat(CliRun.list(second.get("entries"))).extracting(e -> e.get("operation")).containsExactly("DELETE");
        assertThat(second.get("nextAfterId")).isNull();
        assertThat(cli.run("audit", "list", "--by", "bob").ok().out()).contains(" al_members {id=1} UPDATE by bob\n    name: one -> uno\n");

        assertThat(cli.run("audit", "list", "--key", "1").exit(ExitCode.USAGE).err()).contains("--key needs --table");
        assertThat(cli.run("audit", "list", "--from", "yesterday").exit(ExitCode.USAGE).err()).contains("--from must be an instant");
        assertThat(cli.run("audit", "list", "--since", "soon").exit(ExitCode.USAGE).err()).contains("--since must be a duration");
        assertThat(cli.run("audit", "list", "--table", "other").exit(ExitCode.CONFIG).err()).contains("Table other is not audited");
    }

    private static AuditPlugin plugin(ContextKey<String> user, Instant now) {
        return AuditOptions.builder().auditTable("al_audit").table("al_members", "id").changedBy(user).clock(Clock.fixed(now, ZoneOffset.UTC))
                .plugin();
    }

    private static List<String> list(CliRun cli, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "audit";
        args[1] = "list";
        System.arraycopy(options, 0, args, 2, options.length);
        return CliRun.list(cli.run(args).ok().json().get("entries")).stream()
                .map(e -> e.get("table") + "[" + ((Map<?, ?>) e.get("key")).get("id") + "]:" + e.get("operation") + ":" + e.get("changedBy")).toList();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void soft_delete_purge_older_than_keeps_recent_deletions(TestDatabase db) {
        Table<Record> MEMBERS = DSL.table(DSL.name("so_members"));
        setUp(db, "so_members", "so_audit");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        db.dsl().insertInto(MEMBERS).columns(ID, NAME, DSL.field(DSL.name("deleted_at"), LocalDateTime.class))
                .values(1L, "live", null)
                .values(2L, "deleted 40 days ago", now.minusDays(40))
                .values(3L, "deleted 10 days ago", now.minusDays(10))
                .values(4L, "deleted an hour ago", now.minusHours(1))
                .execute();
        CliRun cli = cli(db, "so_members", "so_audit");

        assertThat(cli.run("soft-delete", "purge", "so_members", "--older-than", "a while", "--yes").exit(ExitCode.USAGE).err())
                .contains("--older-than must be a duration such as 30d, 12h or P30D, was 'a while'");
        assertThat(cli.run("soft-delete", "purge", "so_members", "--older-than", "30d").exit(ExitCode.USAGE).err()).contains("deleted before", "--yes");

        Map<String, Object> month = cli.run("soft-delete", "purge", "so_members", "--older-than", "30d", "--yes", "--json").ok().json();
        assertThat(month.get("deleted")).isEqualTo(1L);
        assertThat(db.dsl().fetch("select id from so_members order by id").map(r -> r.get(0, Long.class))).containsExactly(1L, 3L, 4L);
        assertThat(cli.run("soft-delete", "purge", "so_members", "--older-than", "PT12H", "--yes").ok().out())
                .startsWith("Purged 1 soft-deleted rows of so_members deleted before ");
        assertThat(db.dsl().fetch("select id from so_members order by id").map(r -> r.get(0, Long.class))).containsExactly(1L, 4L);
        assertThat(CliRun.list(cli.run("audit", "history", "so_members", "3", "--json").ok().json().get("entries")))
                .extracting(e -> e.get("operation")).containsExactly(AuditOperation.DELETE.name());
    }
}
