package dev.kysera.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Keeps a module README's example honest: its code must be the code a test runs. */
public final class ReadmeCode {

    private ReadmeCode() {
    }

    /**
     * The code lines of the first {@code java} block of {@code readme} that {@code source} does not
     * contain (compared stripped; blank and comment-only lines ignored). Empty when the README shows
     * only code the test runs.
     *
     * @throws UncheckedIOException if a file cannot be read
     * @throws IllegalArgumentException if the README has no java block
     */
    public static List<String> linesNotIn(Path readme, Path source) {
        return linesNotIn(readme, "", source);
    }

    /**
     * Like {@link #linesNotIn(Path, Path)} for the first {@code java} block after the first
     * occurrence of {@code after} in {@code readme} (a README with more than one example).
     *
     * @throws UncheckedIOException if a file cannot be read
     * @throws IllegalArgumentException if the README has no java block after {@code after}
     */
    public static List<String> linesNotIn(Path readme, String after, Path source) {
        String text = read(readme);
        int anchor = text.indexOf(after);
        int start = anchor < 0 ? -1 : text.indexOf("```java", anchor);
        if (start < 0) {
            throw new IllegalArgumentException(readme + " has no ```java block after '" + after + "'");
        }
        start += "```java".length();
        String code = text.substring(start, text.indexOf("```", start));
        List<String> lines = read(source).lines().map(String::strip).toList();
        return Arrays.stream(code.split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .filter(line -> !lines.contains(line))
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
