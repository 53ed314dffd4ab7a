package dev.kysera.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer as a user runs it: a named module on the module path, in its own JVM. */
class ModulePathTest {

    private static String modulePath() throws IOException {
        String dependencies = Files.readString(Path.of(System.getProperty("consumer.modulePathFile"))).strip();
        return System.getProperty("consumer.classes") + File.pathSeparator + dependencies;
    }

    @Test
    void the_application_runs_on_the_module_path(@TempDir Path work) throws Exception {
        Path errors = work.resolve("stderr.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", modulePath(),
                "--module", "dev.kysera.consumer/dev.kysera.consumer.ConsumerApp")
                .redirectError(errors.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(() -> output + readQuietly(errors)).isZero();
        assertThat(output.lines()).containsExactly(
                "created: Task[id=1, title=Write docs, status=open], Task[id=2, title=Ship, status=open]",
                "open tasks after soft delete: 1",
                "stamped: true",
                "tenant 1 sees: [mine, also mine]",
                "exported by dev.kysera.executor: [dev.kysera.executor, dev.kysera.executor.plan]",
                "internals reachable: false");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Test
    void code_importing_an_internal_package_does_not_compile(@TempDir Path sources) throws IOException {
        Path module = Files.createDirectories(sources.resolve("probe"));
        Files.writeString(module.resolve("module-info.java"), "module probe { requires dev.kysera.executor; }");
        Path type = Files.createDirectories(module.resolve("probe"));
        Files.writeString(type.resolve("Probe.java"),
                "package probe; class Probe { dev.kysera.executor.internal.Scope scope; dev.kysera.executor.Executor ok; }");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("--module-path", modulePath(),
                "--class-path", Files.createDirectories(sources.resolve("empty")).toString(), "-d", sources.resolve("out").toString()));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
                    files.getJavaFileObjects(module.resolve("module-info.java"), type.resolve("Probe.java"))).call();
            assertThat(compiled).isFalse();
        }
        assertThat(diagnostics.getDiagnostics()).singleElement()
                .satisfies(d -> assertThat(d.getMessage(null))
                        .contains("package dev.kysera.executor.internal is declared in module dev.kysera.executor, which does not export it"));
    }
}
