package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles generated Java sources with javax.tools against the test class path. */
final class JavaSources {

    private JavaSources() {
    }

    /** The test class path (surefire and failsafe put it in a property; the JVM's may be a manifest-only jar). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Compiles every .java file below {@code sourceRoot} into {@code output}; fails the test with the compiler's messages. */
    static void compile(Path sourceRoot, Path output) {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("sources below " + sourceRoot).isNotEmpty();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        List<String> options = List.of("-d", output.toString(), "-classpath", classPath(), "--release", "21", "-Xlint:all", "-Werror",
                "-proc:none");
        boolean ok = compiler.getTask(messages, null, null, options, null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        assertThat(ok).as("compilation of %s:%n%s", files, messages).isTrue();
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
