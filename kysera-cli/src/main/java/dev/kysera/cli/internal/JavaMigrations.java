package dev.kysera.cli.internal;

import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationSources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;

/**
 * Java migrations from {@code migrations.classpath} (jars and class directories), found as
 * kysera-migrations finds them: {@link MigrationSources#serviceLoader(ClassLoader)}, i.e. classes
 * listed in {@code META-INF/services/dev.kysera.migrations.Migration}. Their class loader sees the
 * CLI's own classes (jOOQ, kysera-migrations) as its parent. Closing closes the class loader.
 */
final class JavaMigrations implements AutoCloseable {

    static final String KEY = "migrations.classpath";
    private static final Pattern SEPARATOR = Pattern.compile("[," + Pattern.quote(File.pathSeparator) + "]");

    private final URLClassLoader loader;
    private final List<Migration> migrations;

    private JavaMigrations(URLClassLoader loader, List<Migration> migrations) {
        this.loader = loader;
        this.migrations = migrations;
    }

    /** No classpath configured: no Java migrations. */
    static JavaMigrations none() {
        return new JavaMigrations(null, List.of());
    }

    /**
     * Loads the migrations of the configured classpath, or none when it is not set.
     *
     * @throws ConfigException if an entry does not exist or is neither a jar nor a directory, or a
     *                         registered class cannot be loaded or instantiated
     */
    static JavaMigrations load(Config config, SQLDialect dialect, Context context) {
        List<Path> entries = entries(config);
        if (entries.isEmpty()) {
            return none();
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (!Files.isDirectory(entry) && !(Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar"))) {
                throw new ConfigException("'" + KEY + "' (" + config.source(KEY) + "): " + entry
                        + (Files.exists(entry) ? " is neither a .jar file nor a directory" : " does not exist"));
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ConfigException("'" + KEY + "' (" + config.source(KEY) + "): " + entry + " is not a usable path", e);
            }
        }
        URLClassLoader loader = new URLClassLoader("kysera-migrations", urls.toArray(URL[]::new), JavaMigrations.class.getClassLoader());
        try {
            List<Migration> found = List.copyOf(MigrationSources.serviceLoader(loader).load(dialect));
            if (found.isEmpty()) {
                context.warn("no Java migrations in " + entries + ": none is listed in META-INF/services/" + Migration.class.getName());
            }
            return new JavaMigrations(loader, found);
        } catch (ServiceConfigurationError | LinkageError e) {
            close(loader);
            throw new ConfigException("Cannot load the Java migrations of " + entries + " ('" + KEY + "', " + config.source(KEY) + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(loader);
            throw e;
        }
    }

    private static List<Path> entries(Config config) {
        Path base = config.relativeTo(KEY);
        return config.string(KEY).stream().flatMap(SEPARATOR::splitAsStream).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> base.resolve(s).normalize()).toList();
    }

    boolean configured() {
        return loader != null;
    }

    List<Migration> migrations() {
        return migrations;
    }

    @Override
    public void close() {
        if (loader != null) {
            close(loader);
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the class loader of " + KEY, e);
        }
    }
}
