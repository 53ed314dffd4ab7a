package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
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
}
