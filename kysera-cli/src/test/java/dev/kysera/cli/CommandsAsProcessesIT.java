package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditTable;
import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the other process tests do not start, each as a real process of the packaged jar,
 * in one project's life (so one run covers them all): migrate create, validate, up, status,
 * repair, down, baseline; db seed and introspect; health; soft-delete list and restore; audit
 * history, diff, restore and purge; generate repositories.
 */
@Tag(CliProcess.TAG)
class CommandsAsProcessesIT {

    @TempDir
    Path dir;

    private CliRun.Result run(String... args) {
        return CliProcess.run(dir, Map.of(), args);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void a_project_life_through_every_command(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("kysera.yaml"), "database:\n  url: " + db.jdbcUrl() + "\nmigrations:\n  table: ep_history\n"
                + "audit:\n  table: ep_audit\n  tables:\n    ep_members: id\n");
        AuditTable.create(db.dsl(), AuditOptions.builder().auditTable("ep_audit").table("ep_members", "id").plugin().options());

        Map<String, Object> created = run("migrate", "create", "members", "--json").ok().json();
        Path migration = dir.resolve("migrations/V1__members.sql");
        assertThat(created).isEqualTo(Map.of("file", migration.toString(), "version", "1"));
        Files.writeString(migration, "-- kysera:up\ncreate table ep_members (id bigint not null primary key, name varchar(100) not null,"
                + " deleted_at timestamp);\ncreate index ep_members_name on ep_members (name);\n-- kysera:down\ndrop table ep_members;\n");
        assertThat(run("migrate", "validate").ok().out()).startsWith("Valid: 0 applied, 1 pending.");
        assertThat(run("migrate", "up").ok().out()).startsWith("Applied 1 migration(s); the database is at version 1.");
        assertThat(CliRun.list(run("migrate", "status", "--json").ok().json().get("migrations")))
                .extracting(m -> m.get("version") + ":" + m.get("state")).containsExactly("1:APPLIED");
        assertThat(run("migrate", "repair", "--json").ok().json()).isEqualTo(Map.of("removedFailed", List.of(), "realigned", List.of()));

        Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("seeds/01_members.sql"), "insert into ep_members (id, name) values (1, 'Ann'), (2, 'Bob');\n");
        assertThat(CliRun.list(run("db", "seed", "--json").ok().json().get("files"))).extracting(f -> f.get("rows")).containsExactly(2L);
        Map<String, Object> members = CliRun.list(run("db", "introspect", "ep_members", "--json").ok().json().get("tables")).getFirst();
        assertThat(CliRun.list(members.get("columns"))).extracting(c -> c.get("name")).containsExactly("id", "name", "deleted_at");
        assertThat(members.get("primaryKey")).isEqualTo(List.of("id"));
        assertThat(CliRun.list(members.get("indexes"))).extracting(i -> i.get("name")).contains("ep_members_name");
        assertThat(run("health", "--timeout", "10s", "--degraded-latency", "5s", "--unhealthy-latency", "8s", "--json").ok().json()
                .get("status")).isEqualTo("HEALTHY");

        // The seed ran through the executor with the audit plugin: its inserts are audited.
        List<Map<String, Object>> seeded = CliRun.list(run("audit", "history", "ep_members", "2", "--json").ok().json().get("entries"));
        assertThat(seeded).extracting(e -> e.get("operation")).containsExactly("INSERT");
        db.dsl().update(DSL.table(DSL.name("ep_members"))).set(DSL.field(DSL.name("deleted_at"), LocalDateTime.class),
                LocalDateTime.of(2026, 1, 2, 3, 4, 5)).where(DSL.field(DSL.name("id")).eq(2L)).execute();
        assertThat(CliRun.list(run("soft-delete", "list", "ep_members", "--json").ok().json().get("rows")))
                .extracting(r -> r.get("id") + ":" + r.get("name")).containsExactly("2:Bob");
        run("soft-delete", "restore", "ep_members", "2").ok();
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("ep_members")), DSL.field(DSL.name("deleted_at")).isNull())).isEqualTo(2);

        List<Map<String, Object>> history = CliRun.list(run("audit", "history", "ep_members", "2", "--json").ok().json().get("entries"));
        assertThat(history).extracting(e -> e.get("operation")).containsExactly("INSERT", "RESTORE");
        String restore = String.valueOf(history.get(1).get("id"));
        // Back to the row as it was before the RESTORE entry: soft-deleted again, and audited.
        run("audit", "restore", "ep_members", "2", "--entry", restore).ok();
        assertThat(db.dsl().fetchValue("select deleted_at from ep_members where id = 2")).isNotNull();
        List<Map<String, Object>> after = CliRun.list(run("audit", "history", "ep_members", "2", "--json").ok().json().get("entries"));
        assertThat(after).hasSize(3);
        assertThat(CliRun.list(run("audit", "diff", restore, String.valueOf(after.get(2).get("id")), "--json").ok().json().get("changes")))
                .extracting(c -> c.get("column")).containsExactly("deleted_at");
        assertThat(run("audit", "purge", "--before", "2999-01-01", "--yes", "--json").ok().json().get("deleted")).isEqualTo(4L);

        Map<String, Object> generated = run("generate", "repositories", "-p", "com.acme.db", "-o", "gen", "-t", "ep_members", "--json").ok().json();
        assertThat(generated.get("written").toString()).contains("EpMembersRepository.java");
        assertThat(dir.resolve("gen/com/acme/db/EpMembersRepository.java")).content().contains("class EpMembersRepository");

        assertThat(run("migrate", "down", "--json").ok().json().get("current")).isEqualTo("none");
        assertThat(SchemaTools.of(db.dsl()).tableExists("ep_members")).isFalse();
        Files.writeString(dir.resolve("kysera.yaml"), Files.readString(dir.resolve("kysera.yaml")).replace("ep_history", "ep_adopted"));
        run("migrate", "baseline", "1").ok();
        assertThat(CliRun.list(run("migrate", "status", "--json").ok().json().get("migrations")))
                .extracting(m -> m.get("version") + ":" + m.get("state")).containsExactly("1:BASELINE");
        db.dsl().dropTable(DSL.name("ep_audit")).execute();
        db.dsl().dropTable(DSL.name("ep_history")).execute();
        db.dsl().dropTable(DSL.name("ep_adopted")).execute();
    }
}
