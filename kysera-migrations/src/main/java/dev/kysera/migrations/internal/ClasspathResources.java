package dev.kysera.migrations.internal;

import dev.kysera.migrations.InvalidMigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the {@code .sql} files below a class-path location, in directories ({@code file:}) and jars ({@code jar:}). */
public final class ClasspathResources {

    private ClasspathResources() {
    }

    /** The SQL files below {@code location} in every class-path root that has it, sorted by location. */
    public static List<SqlResource> list(ClassLoader loader, String location) {
        String prefix = location.replaceAll("^/+|/+$", "");
        List<SqlResource> found = new ArrayList<>();
        try {
            for (URL root : Collections.list(loader.getResources(prefix))) {
                switch (root.getProtocol()) {
                    case "file" -> fromDirectory(Path.of(root.toURI()), prefix, found);
                    case "jar" -> fromJar(root, prefix, found);
                    default -> throw new InvalidMigrationException("Cannot list migrations at " + root
                            + ": only file: and jar: class-path locations are supported; use MigrationSources.of(...)");
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new InvalidMigrationException("Could not list migrations at class-path location '" + location + "': "
                    + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(SqlResource::location));
        return found;
    }

    private static void fromDirectory(Path directory, String prefix, List<SqlResource> found) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                String name = prefix + "/" + directory.relativize(file).toString().replace('\\', '/');
                found.add(new SqlResource("classpath:" + name, file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
    }

    private static void fromJar(URL root, String prefix, List<SqlResource> found) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix + "/") && name.endsWith(".sql")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(new SqlResource("classpath:" + name, name.substring(name.lastIndexOf('/') + 1),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }
}
