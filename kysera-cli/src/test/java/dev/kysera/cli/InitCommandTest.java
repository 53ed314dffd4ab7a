package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kysera init}: the skeleton's sources compile against Kysera, and its configuration and
 * first migration work with the CLI. The Maven build of the skeleton and its App: {@link InitBuildIT}.
 */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void init_writes_a_project_whose_code_compiles_and_whose_config_works() throws Exception {
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

        // Its App runs as a process after a real Maven build of the skeleton: InitBuildIT.
        JavaSources.compile(project.resolve("src/main/java"), dir.resolve("classes"));
        assertThat(dir.resolve("classes/com/acme/shop/App.class")).exists();
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
