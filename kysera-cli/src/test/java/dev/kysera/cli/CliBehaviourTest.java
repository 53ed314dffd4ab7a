package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration precedence, exit codes, help and the masking of secrets, through the entry point. */
class CliBehaviourTest {

    @TempDir
    Path dir;

    @Test
    void file_then_environment_then_flags() {
        String fileDb = "jdbc:sqlite:" + dir.resolve("file.db");
        String envDb = "jdbc:sqlite:" + dir.resolve("env.db");
        String flagDb = "jdbc:sqlite:" + dir.resolve("flag.db");
        CliRun cli = new CliRun(dir).yaml("database:", "  url: " + fileDb, "migrations:", "  directory: migrations")
                .write("migrations/V1__t.sql", "-- kysera:up\ncreate table t (id integer primary key);\n");

        assertThat(cli.run("db", "introspect", "--json").ok().json().get("database")).isEqualTo(fileDb);
        cli.env("KYSERA_DATABASE_URL", envDb);
        assertThat(cli.run("db", "introspect", "--json").ok().json().get("database")).isEqualTo(envDb);
        assertThat(cli.run("db", "introspect", "--json", "--url", flagDb).ok().json().get("database")).isEqualTo(flagDb);

        // Directory from the file, unless the flag says otherwise.
        assertThat(cli.run("migrate", "status", "--json").ok().json().get("pending")).isEqualTo(java.util.List.of("1"));
        assertThat(cli.run("migrate", "status", "-d", "elsewhere").exit(ExitCode.CONFIG).err()).contains("elsewhere");
    }

    @Test
    void properties_files_and_variables_in_values() {
        CliRun cli = new CliRun(dir).write("kysera.properties", "database.url=jdbc:sqlite:${DB_DIR}/p.db\n")
                .env("DB_DIR", dir.toString());
        assertThat(cli.run("db", "introspect", "--json").ok().json().get("database")).isEqualTo("jdbc:sqlite:" + dir + "/p.db");

        CliRun missing = new CliRun(dir).write("kysera.properties", "database.url=jdbc:sqlite:${NOT_SET_ANYWHERE}/p.db\n");
        assertThat(missing.run("db", "introspect").exit(ExitCode.CONFIG).err()).contains("${NOT_SET_ANYWHERE}", "not set");
    }

    @Test
    void configuration_errors_exit_3_and_name_the_problem() {
        assertThat(new CliRun(dir).run("db", "introspect").exit(ExitCode.CONFIG).err()).contains("'database.url' is not set");
        assertThat(new CliRun(dir).run("db", "introspect", "--url", "jdbc:oracle:thin:@x").exit(ExitCode.CONFIG).err())
                .contains("jdbc:oracle:");
        assertThat(new CliRun(dir.resolve("a")).yaml("database:", "  ulr: jdbc:sqlite:x.db").run("db", "introspect").exit(ExitCode.CONFIG).err())
                .contains("Unknown configuration key 'database.ulr'");
        assertThat(new CliRun(dir.resolve("b")).yaml("database: [").run("db", "introspect").exit(ExitCode.CONFIG).err()).contains("Malformed YAML");
        assertThat(new CliRun(dir.resolve("c")).write("kysera.yaml", "").write("kysera.properties", "").run("db", "introspect")
                .exit(ExitCode.CONFIG).err()).contains("keep one");
        assertThat(new CliRun(dir).env("KYSERA_DATABASE_POOL_SIZE", "lots").run("db", "introspect", "--url", "jdbc:sqlite:x.db")
                .exit(ExitCode.CONFIG).err()).contains("'database.poolSize'", "environment variable KYSERA_DATABASE_POOL_SIZE", "'lots'");
    }

    @Test
    void usage_errors_exit_2_and_help_exits_0() {
        CliRun cli = new CliRun(dir);
        assertThat(cli.run("migrate", "sideways").exit(ExitCode.USAGE).err()).contains("sideways");
        assertThat(cli.run("migrate", "up", "--steps", "many").exit(ExitCode.USAGE).err()).contains("many");
        assertThat(cli.run().exit(ExitCode.USAGE).err()).contains("Missing command");
        for (String[] command : new String[][] {{"--help"}, {"migrate", "--help"}, {"migrate", "up", "--help"}, {"db", "seed", "--help"},
                {"audit", "purge", "--help"}, {"soft-delete", "restore", "--help"}, {"generate", "repositories", "--help"},
                {"init", "--help"}, {"health", "--help"}, {"audit", "list", "--help"}, {"soft-delete", "purge", "--help"},
                {"completion", "--help"}}) {
            CliRun.Result help = cli.run(command).ok();
            assertThat(help.out()).as(String.join(" ", command)).startsWith("Usage: kysera");
        }
        assertThat(cli.run("--help").out()).contains("4 database unreachable");
        assertThat(cli.run("--version").ok().out()).startsWith("kysera ");
    }

    @Test
    void passwords_never_appear_in_output() {
        String url = "jdbc:postgresql://127.0.0.1:1/app?user=app&password=s3cr3t-pw&connectTimeout=1";
        CliRun cli = new CliRun(dir).env("KYSERA_DATABASE_PASSWORD", "hunter22-secret").env("KYSERA_DATABASE_CONNECT_TIMEOUT", "1s");
        CliRun.Result refused = cli.run("db", "introspect", "--url", url, "--json", "--verbose");
        refused.exit(ExitCode.CONNECTION);
        assertThat(refused.err()).contains("cannot connect to the database");
        assertThat(refused.out() + refused.err()).doesNotContain("s3cr3t-pw").doesNotContain("hunter22-secret");
        Map<String, Object> error = refused.json();
        assertThat(error).containsKey("error");

        CliRun.Result health = cli.run("health", "--url", "jdbc:postgresql://app:s3cr3t-pw@127.0.0.1:1/app", "--timeout", "2s", "--json");
        health.exit(ExitCode.FAILED);
        assertThat(health.json().get("status")).isEqualTo("UNHEALTHY");
        assertThat(health.json().get("database")).isEqualTo("jdbc:postgresql://app:***@127.0.0.1:1/app");
        assertThat(health.out() + health.err()).doesNotContain("s3cr3t-pw").doesNotContain("hunter22-secret");
    }

    @Test
    void health_of_a_reachable_database_is_healthy_and_bounded_in_time() {
        long started = System.nanoTime();
        CliRun.Result health = new CliRun(dir).run("health", "--url", "jdbc:sqlite:" + dir.resolve("h.db"), "--timeout", "20s", "--degraded-latency", "5s", "--unhealthy-latency", "10s", "--json");
        health.ok();
        assertThat(health.json().get("status")).isEqualTo("HEALTHY");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(new CliRun(dir).run("health", "--url", "jdbc:sqlite:" + dir.resolve("h.db"), "--unhealthy-latency", "5s")
                .exit(ExitCode.USAGE).err()).contains("unhealthyLatency");
    }

    @Test
    void the_completion_script_completes_commands_and_options_in_bash() throws Exception {
        CliRun.Result script = new CliRun(dir).run("completion").ok();
        Path file = dir.resolve("kysera-completion.bash");
        java.nio.file.Files.writeString(file, script.out());
        assertThat(complete(file, "kysera", "mig")).isEqualTo("migrate");
        assertThat(complete(file, "kysera", "migrate", "dry")).isEqualTo("dry-run");
        assertThat(complete(file, "kysera", "migrate", "up", "--cla")).isEqualTo("--classpath");
        assertThat(complete(file, "kysera", "soft-delete", "purge", "--old")).isEqualTo("--older-than");
    }

    /** What bash offers for the last word, with the script sourced (COMPREPLY, space-separated). */
    private String complete(Path script, String... words) throws Exception {
        String line = "source " + script + "; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_kysera; echo \"${COMPREPLY[*]}\"";
        // stderr discarded: compopt complains outside a real completion, harmlessly.
        Process bash = new ProcessBuilder("bash", "-c", line).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(bash.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("bash finished").isTrue();
        return new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}
