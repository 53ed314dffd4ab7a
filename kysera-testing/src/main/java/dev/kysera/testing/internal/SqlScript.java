package dev.kysera.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SQL scripts: statements end with a semicolon at the end of a line; {@code --} comment lines are dropped. */
public final class SqlScript {

    private SqlScript() {
    }

    /** The statements of {@code script}, without their semicolons. */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                add(statements, current);
            }
        }
        add(statements, current);
        return List.copyOf(statements);
    }

    private static void add(List<String> statements, StringBuilder current) {
        String sql = current.toString().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (!sql.isEmpty()) {
            statements.add(sql);
        }
        current.setLength(0);
    }

    /**
     * The text of a class path resource, looked up by the context class loader.
     *
     * @throws IllegalArgumentException if there is no such resource
     */
    public static String resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : SqlScript.class.getClassLoader()).getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No class path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
