package dev.kysera.migrations;

import dev.kysera.migrations.internal.ClasspathResources;
import dev.kysera.migrations.internal.SqlMigrations;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The built-in {@link MigrationSource}s.
 *
 * <h2>SQL files</h2>
 * A file is named {@code V<version>__<name>.sql}, or {@code V<version>__<name>.<dialect>.sql} for
 * a variant used only on that dialect ({@code postgres}, {@code mariadb}, {@code mysql},
 * {@code sqlite}, {@code h2}); on a dialect with a variant, the variant replaces the plain file
 * of the same version. Underscores in the name become spaces. The file has sections:
 * <pre>
 * -- kysera:up
 * CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL);
 * CREATE INDEX users_email ON users (email);
 *
 * -- kysera:down
 * DROP TABLE users;
 * </pre>
 * The up section is required, the down section optional. {@code -- kysera:no-transaction} before
 * the up section runs the migration outside a transaction. Statements end with {@code ;};
 * semicolons inside quotes, comments and PostgreSQL dollar quotes do not end them. Anything else
 * (text before the first section, an unknown {@code -- kysera:} directive, a repeated section, an
 * empty up section, a {@code .sql} file whose name does not follow the pattern) is an
 * {@link InvalidMigrationException} naming the file and line.
 */
public final class MigrationSources {

    private MigrationSources() {
    }

    /**
     * Explicitly registered migrations, e.g. Java migration classes.
     *
     * @param migrations the migrations, in any order
     * @return the source; it returns the same migrations for every dialect
     * @throws NullPointerException if {@code migrations} is null or holds null
     */
    public static MigrationSource of(Migration... migrations) {
        List<Migration> list = List.of(migrations);
        return dialect -> list;
    }

    /**
     * Explicitly registered migrations.
     *
     * @param migrations the migrations, in any order; copied
     * @return the source; it returns the same migrations for every dialect
     * @throws NullPointerException if {@code migrations} is null or holds null
     */
    public static MigrationSource of(List<? extends Migration> migrations) {
        List<Migration> list = List.copyOf(migrations);
        return dialect -> list;
    }

    /**
     * Java migrations registered as {@link java.util.ServiceLoader} providers of {@link Migration}
     * ({@code META-INF/services/dev.kysera.migrations.Migration}, or {@code provides} in a module
     * descriptor). Each needs a public no-argument constructor.
     *
     * @param loader the class loader to look up providers with
     * @return the source; it instantiates the providers each time it loads
     * @throws NullPointerException if {@code loader} is null
     */
    public static MigrationSource serviceLoader(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return dialect -> ServiceLoader.load(Migration.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * SQL files in a directory and its subdirectories.
     *
     * @param directory the directory; it is read each time the source loads, so a missing or
     *                  unreadable one fails then, with {@link InvalidMigrationException}
     * @return the source
     * @throws NullPointerException if {@code directory} is null
     */
    public static MigrationSource directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return dialect -> SqlMigrations.fromDirectory(directory, dialect);
    }

    /**
     * SQL files below a class-path location such as {@code db/migrations}, in directories and jars,
     * found with the thread's context class loader (else this library's).
     *
     * @param location the resource directory, e.g. {@code db/migrations}
     * @return the source
     * @throws NullPointerException if {@code location} is null
     */
    public static MigrationSource classpath(String location) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return classpath(location, context != null ? context : MigrationSources.class.getClassLoader());
    }

    /**
     * SQL files below a class-path location, found with the given class loader.
     *
     * @param location the resource directory, e.g. {@code db/migrations}
     * @param loader   the class loader to find the resources with
     * @return the source
     * @throws NullPointerException if an argument is null
     */
    public static MigrationSource classpath(String location, ClassLoader loader) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(loader, "loader");
        return dialect -> SqlMigrations.fromResources(ClasspathResources.list(loader, location), dialect);
    }
}
