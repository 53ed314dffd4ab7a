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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar and the launcher script as real processes: exit codes, dry run against up, a killed runner. */
@Tag(CliProcess.TAG)
class PackagedCliIT {

    @TempDir
    Path dir;

    @Test
    void the_launcher_runs_the_jar_with_exit_codes() {
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        CliRun.Result help = CliProcess.start(dir, env, List.of(CliProcess.launcher().toAbsolutePath().toString(), "--help")).await().ok();
        assertThat(help.out()).startsWith("Usage: kysera").contains("migrate", "soft-delete", "Exit codes:");
        assertThat(CliProcess.start(dir, env, List.of(CliProcess.launcher().toAbsolutePath().toString(), "migrate", "sideways")).await()
                .exit(ExitCode.USAGE).err()).contains("sideways");
        assertThat(CliProcess.run(dir, Map.of(), "db", "introspect").exit(ExitCode.CONFIG).err()).contains("'database.url' is not set");
    }

    /** On MariaDB too: its DDL commits implicitly, so up records the migration before running it — the statements sent are the same. */
    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void dry_run_output_is_what_up_then_executes(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("V1__shelves.sql"), "-- kysera:up\ncreate table pk_shelves (id integer primary key, label varchar(20));\n"
                + "insert into pk_shelves (id, label) values (1, 'a; b');\n-- kysera:down\ndrop table pk_shelves;\n");
        Map<String, String> env = Map.of("KYSERA_DATABASE_URL", db.jdbcUrl(), "KYSERA_MIGRATIONS_DIRECTORY", dir.toString(),
                "KYSERA_MIGRATIONS_TABLE", "pk_history");

        String script = CliProcess.run(dir, env, "migrate", "dry-run").ok().out();
        assertThat(SchemaTools.of(db.dsl()).tableExists("pk_shelves")).isFalse();
        CliRun.Result up = CliProcess.run(dir, env, "migrate", "up", "--json").ok();

        StringBuilder executed = new StringBuilder("-- up 1: shelves\n");
        for (Map<String, Object> run : CliRun.list(up.json().get("applied"))) {
            for (Map<String, Object> statement : CliRun.list(run.get("statements"))) {
                executed.append(statement.get("sql")).append(";\n");
            }
        }
        assertThat(script).isEqualTo(executed.toString());
        assertThat(db.dsl().fetchValue("select label from pk_shelves where id = 1")).isEqualTo("a; b");
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_runner_killed_mid_migration_leaves_no_lock(TestDatabase db) throws Exception {
        Path migration = dir.resolve("V1__slow.sql");
        Files.writeString(migration, "-- kysera:up\ncreate table pk_slow (id integer primary key);\nselect pg_sleep(5);\n");
        Map<String, String> env = Map.of("KYSERA_DATABASE_URL", db.jdbcUrl(), "KYSERA_MIGRATIONS_DIRECTORY", dir.toString(),
                "KYSERA_MIGRATIONS_TABLE", "pk_slow_history");

        CliProcess.Started runner = CliProcess.start(dir, env, "migrate", "up");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (db.dsl().fetch("select 1 from pg_stat_activity where query like 'select pg_sleep(5)%'").isEmpty()) {
            assertThat(Instant.now()).as("the runner reached the slow migration").isBefore(deadline);
            assertThat(runner.process().isAlive()).as("runner alive; stderr: %s", Files.readString(runner.err())).isTrue();
            Thread.sleep(100);
        }
        runner.process().destroyForcibly().waitFor();

        Files.writeString(migration, "-- kysera:up\ncreate table pk_slow (id integer primary key);\n");
        // The killed runner's server session ends when the server notices the client is gone (here: when
        // its statement finishes); its lock and its uncommitted migration go with it. No lock row to clean up.
        CliRun.Result next = CliProcess.run(dir, env, "migrate", "up", "--lock-timeout", "30s").ok();
        assertThat(next.out()).contains("Applied 1 migration(s)");
        assertThat(db.dsl().fetch("select version from pk_slow_history where success").map(r -> r.get(0, String.class))).containsExactly("1");
    }

    /** MariaDB too: its timestamps have no time zone and second precision by default, compared with the cutoff the CLI computes. */
    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void soft_delete_purge_older_than_and_audit_list_as_processes(TestDatabase db) throws Exception {
        db.executeScript("create table pk_members (id bigint not null primary key, name varchar(100) not null, deleted_at timestamp);");
        AuditTable.create(db.dsl(), AuditOptions.builder().auditTable("pk_audit").table("pk_members", "id").plugin().options());
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        db.dsl().insertInto(DSL.table(DSL.name("pk_members")), DSL.field(DSL.name("id")), DSL.field(DSL.name("name")),
                DSL.field(DSL.name("deleted_at"), LocalDateTime.class))
                .values(1L, "old", now.minusDays(40)).values(2L, "recent", now.minusHours(1)).execute();
        Files.writeString(dir.resolve("kysera.yaml"), "database:\n  url: " + db.jdbcUrl() + "\naudit:\n  table: pk_audit\n  tables:\n"
                + "    pk_members: id\n");

        CliRun.Result purge = CliProcess.run(dir, Map.of(), "soft-delete", "purge", "pk_members", "--older-than", "30d", "--yes").ok();
        assertThat(purge.out()).startsWith("Purged 1 soft-deleted rows of pk_members deleted before ");
        assertThat(db.dsl().fetch("select id from pk_members").map(r -> r.get(0, Long.class))).containsExactly(2L);
        Map<String, Object> list = CliProcess.run(dir, Map.of(), "audit", "list", "--table", "pk_members", "--since", "1d", "--json").ok().json();
        assertThat(CliRun.list(list.get("entries"))).extracting(e -> e.get("operation") + " " + ((Map<?, ?>) e.get("key")).get("id"))
                .containsExactly("DELETE 1");
    }

    /**
     * MariaDB: the lock ({@code GET_LOCK}) goes with the killed runner's session, but its DDL had
     * committed implicitly, so the next runner gets the lock and then refuses: the migration is
     * recorded as failed (status {@code FAILED}) until the schema is restored and {@code repair} run.
     */
    @MatrixTest(only = Engine.MARIADB)
    void a_runner_killed_mid_migration_on_mariadb_leaves_no_lock_and_a_visible_failed_migration(TestDatabase db) throws Exception {
        Path migration = dir.resolve("V1__slow.sql");
        Files.writeString(migration, "-- kysera:up\ncreate table pk_slow_m (id integer primary key);\nselect sleep(5);\n");
        Map<String, String> env = Map.of("KYSERA_DATABASE_URL", db.jdbcUrl(), "KYSERA_MIGRATIONS_DIRECTORY", dir.toString(),
                "KYSERA_MIGRATIONS_TABLE", "pk_slow_m_history");

        CliProcess.Started runner = CliProcess.start(dir, env, "migrate", "up");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (db.dsl().fetch("select 1 from information_schema.processlist where info like 'select sleep(5)%'").isEmpty()) {
            assertThat(Instant.now()).as("the runner reached the slow migration").isBefore(deadline);
            assertThat(runner.process().isAlive()).as("runner alive; stderr: %s", Files.readString(runner.err())).isTrue();
            Thread.sleep(100);
        }
        runner.process().destroyForcibly().waitFor();

        CliRun.Result next = CliProcess.run(dir, env, "migrate", "up", "--lock-timeout", "30s", "--json").exit(ExitCode.FAILED);
        assertThat(next.json().get("error")).asString().contains("MIGRATION_NEEDS_REPAIR");
        assertThat(CliRun.list(CliProcess.run(dir, env, "migrate", "status", "--json").ok().json().get("migrations")))
                .extracting(m -> m.get("version") + ":" + m.get("state")).containsExactly("1:FAILED");
        assertThat(SchemaTools.of(db.dsl()).tableExists("pk_slow_m")).as("the DDL committed before the kill").isTrue();

        db.dsl().execute("drop table pk_slow_m");
        Files.writeString(migration, "-- kysera:up\ncreate table pk_slow_m (id integer primary key);\n");
        CliProcess.run(dir, env, "migrate", "repair").ok();
        assertThat(CliProcess.run(dir, env, "migrate", "up").ok().out()).contains("Applied 1 migration(s)");
        assertThat(db.dsl().fetch("select version from pk_slow_m_history where success").map(r -> r.get(0, String.class))).containsExactly("1");
    }

    @Test
    void the_launcher_prints_a_completion_script_bash_can_use() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        CliRun.Result script = CliProcess.start(dir, env, List.of(CliProcess.launcher().toAbsolutePath().toString(), "completion")).await().ok();
        Files.writeString(dir.resolve("kysera.bash"), script.out());
        CliRun.Result offered = CliProcess.start(dir, Map.of(), List.of("bash", "-c", "source kysera.bash 2>/dev/null; COMP_WORDS=(kysera audit l);"
                + " COMP_CWORD=2; _complete_kysera 2>/dev/null; echo \"${COMPREPLY[*]}\"")).await().ok();
        assertThat(offered.out().strip()).isEqualTo("list");
    }
}
