package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kysera init} output built by Maven, offline, and its {@code App} run against a real
 * database. The Kysera artifacts are not in the user's local repository (nothing here installs
 * the reactor there): the reactor's built jars and POMs are laid out in a throwaway local
 * repository, and the user's own local repository serves third-party artifacts and plugins as a
 * read-only tail ({@code maven.repo.local.tail}, Maven 3.9+).
 */
@Tag(CliProcess.TAG)
class InitBuildIT {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void the_skeleton_builds_with_maven_and_its_app_runs(TestDatabase db) throws Exception {
        Path repository = kyseraRepository(dir.resolve("repository"));
        String database = db.engine() == Engine.SQLITE ? "sqlite" : "postgres";
        // init itself runs in-process: what this test adds is the Maven build and the App as processes.
        new CliRun(dir).run("init", "shop", "--package", "com.acme.shop", "--database", database).ok();
        Path project = dir.resolve("shop");
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<artifactId>kysera-bom</artifactId>",
                "<kysera.version>" + System.getProperty("kysera.version") + "</kysera.version>");

        Files.writeString(dir.resolve("settings.xml"), "<settings/>\n");
        Path classpathFile = project.resolve("target/classpath.txt");
        List<String> maven = List.of(Path.of(System.getProperty("kysera.maven.home"), "bin", "mvn").toString(), "-o", "-q", "-B",
                "-s", dir.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + System.getProperty("kysera.maven.repository"),
                "package", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime");
        // Offline and from local files only, so bounded: about 15 s on an idle machine, under a minute on a busy one.
        CliRun.Result build = CliProcess.start(project, Map.of("JAVA_HOME", System.getProperty("java.home")), maven)
                .await(Duration.ofMinutes(3));
        assertThat(build.exitCode()).as("mvn package of the skeleton; stdout:%n%s%nstderr:%n%s", build.out(), build.err()).isZero();

        Path jar = project.resolve("target/shop-0.1.0-SNAPSHOT.jar");
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getEntry("com/acme/shop/App.class")).as("App in " + jar).isNotNull();
        }
        String classpath = jar + JavaSources.pathSeparator() + Files.readString(classpathFile).strip();
        List<String> app = List.of(CliProcess.java(), "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "com.acme.shop.App");
        CliRun.Result run = CliProcess.start(project, Map.of("DATABASE_URL", db.jdbcUrl()), app).await().ok();
        assertThat(run.out()).isEqualTo("1 note(s)\n");
        assertThat(db.dsl().fetch("select id, title, body from notes").map(r -> r.get(0, Integer.class) + ":" + r.get(1) + ":" + r.get(2)))
                .containsExactly("1:hello:null");
        assertThat(db.dsl().fetch("select version, success from kysera_schema_history")
                .map(r -> r.get(0, String.class) + ":" + r.get(1, Boolean.class))).containsExactly("1:true");
    }

    /**
     * A local repository with the reactor's POMs (the parent, the BOM) and every module jar it has
     * built, laid out as {@code mvn install} would: what the skeleton's build needs from Kysera.
     */
    private static Path kyseraRepository(Path repository) throws IOException {
        Path root = Path.of(System.getProperty("kysera.root"));
        String version = System.getProperty("kysera.version");
        List<String> installed = new ArrayList<>();
        put(repository, root.resolve("pom.xml"), "kysera-parent", version, "pom");
        put(repository, root.resolve("kysera-bom/pom.xml"), "kysera-bom", version, "pom");
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : (Iterable<Path>) modules.sorted()::iterator) {
                String artifactId = module.getFileName().toString();
                Path jar = module.resolve("target/" + artifactId + "-" + version + ".jar");
                if (artifactId.startsWith("kysera-") && Files.isRegularFile(jar)) {
                    put(repository, module.resolve("pom.xml"), artifactId, version, "pom");
                    put(repository, jar, artifactId, version, "jar");
                    installed.add(artifactId);
                }
            }
        }
        assertThat(installed).as("reactor modules built before this test").contains("kysera-core", "kysera-executor",
                "kysera-repository", "kysera-migrations");
        return repository;
    }

    private static void put(Path repository, Path file, String artifactId, String version, String extension) throws IOException {
        Path target = repository.resolve("dev/kysera/" + artifactId + "/" + version + "/" + artifactId + "-" + version + "." + extension);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
