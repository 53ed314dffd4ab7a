package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kysera init}: the skeleton's sources compile against Kysera, its configuration and first
 * migration work with the CLI, and its App runs. (A Maven build of the skeleton needs Kysera in a
 * Maven repository, which tests must not install.)
 */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void init_writes_a_project_whose_code_compiles_and_runs() throws Exception {
        CliRun cli = new CliRun(dir);
        cli.run("init", "shop", "--package", "com.acme.shop").ok();
        Path project = dir.resolve("shop");

        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>kysera-bom</artifactId>", "<scope>import</scope>", "<artifactId>shop</artifactId>",
                "<artifactId>sqlite-jdbc</artifactId>", "<artifactId>kysera-migrations</artifactId>");
        assertThat(pom).doesNotContain("${project.version}").containsPattern("<kysera.version>\\d+\\.\\d+\\.\\d+");

        // The generated configuration, as written, drives the CLI: its URL default is a SQLite file in the project.
        CliRun inProject = new CliRun(project);
        assertThat(inProject.run("migrate", "up").ok().out()).contains("Applied 1 migration(s)");
        assertThat(inProject.run("migrate", "status", "--json").ok().json().get("current")).isEqualTo("1");
        assertThat(project.resolve("app.db")).exists();

        Path classes = dir.resolve("classes");
        JavaSources.compile(project.resolve("src/main/java"), classes);

        Path fresh = dir.resolve("fresh.db");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classes + File.pathSeparator + JavaSources.classPath(),
                "com.acme.shop.App", "jdbc:sqlite:" + fresh)
                .directory(project.toFile()).redirectErrorStream(true).start();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("App finished").isTrue();
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(app.exitValue()).as(output).isZero();
        assertThat(output).contains("1 note(s)");
    }

    @Test
    void init_refuses_a_non_empty_directory_and_bad_names() throws Exception {
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/keep.txt"), "mine");
        CliRun cli = new CliRun(dir);
        assertThat(cli.run("init", "taken").exit(ExitCode.FAILED).err()).contains("is not empty");
        assertThat(List.of(dir.resolve("taken").toFile().list())).containsExactly("keep.txt");
        assertThat(cli.run("init", "x", "--package", "com.1x").exit(ExitCode.USAGE).err()).contains("not a Java package name");
        assertThat(cli.run("init", "x", "--database", "oracle").exit(ExitCode.USAGE).err()).contains("oracle");
    }
}
