package dev.kysera.testing.internal;

import dev.kysera.testing.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drops the isolated databases a killed test JVM left behind: PostgreSQL schemas, MariaDB
 * databases and SQLite files named {@code kt_<epoch seconds>_<8 hex digits>} whose creation time
 * is older than {@link #MAX_AGE}. Younger ones may belong to a run still going on elsewhere, and
 * names of any other shape are never touched.
 */
public final class Leftovers {

    /** How old a leftover must be before it is dropped: no test class runs this long. */
    public static final Duration MAX_AGE = Duration.ofHours(6);

    private static final Pattern NAME = Pattern.compile("kt_(\\d{1,12})_[0-9a-f]{8}");
    private static final Pattern SQLITE_FILE = Pattern.compile("(kt_\\d{1,12}_[0-9a-f]{8})\\.db(-journal|-wal|-shm)?");

    private Leftovers() {
    }

    /** When the isolated database {@code name} was created, if it is named like one. */
    public static Optional<Instant> createdAt(String name) {
        Matcher matcher = NAME.matcher(name);
        return matcher.matches() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(1)))) : Optional.empty();
    }

    /** Whether {@code name} is an isolated database created before {@code now - maxAge}. */
    public static boolean isStale(String name, Instant now, Duration maxAge) {
        return createdAt(name).filter(created -> created.isBefore(now.minus(maxAge))).isPresent();
    }

    /**
     * Drops the stale schemas (PostgreSQL) or databases (MariaDB) on the server at {@code url}.
     *
     * @return the names dropped, sorted
     * @throws IllegalArgumentException for SQLite and H2, which have no server
     * @throws IllegalStateException if the server cannot list or drop them
     */
    public static List<String> dropOnServer(Database database, String url, Instant now, Duration maxAge) {
        String list = switch (database) {
            case POSTGRES -> "select nspname from pg_catalog.pg_namespace where nspname like 'kt\\_%'";
            case MARIADB -> "select schema_name from information_schema.schemata where schema_name like 'kt\\_%'";
            case SQLITE, H2 -> throw new IllegalArgumentException(database + " has no server to clean");
        };
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            TreeSet<String> stale = new TreeSet<>();
            try (ResultSet rows = statement.executeQuery(list)) {
                while (rows.next()) {
                    if (isStale(rows.getString(1), now, maxAge)) {
                        stale.add(rows.getString(1));
                    }
                }
            }
            for (String name : stale) {
                // The name matched NAME (letters, digits, underscores), so it needs no quoting.
                statement.execute(database == Database.POSTGRES
                        ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
            }
            return List.copyOf(stale);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the leftover test databases on " + database + " at "
                    + JdbcUrl.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the stale SQLite files (with their journals) in {@code directory}; a missing directory has none.
     *
     * @return the file names deleted, sorted
     * @throws UncheckedIOException if the directory cannot be read or a file cannot be deleted
     */
    public static List<String> deleteFiles(Path directory, Instant now, Duration maxAge) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher matcher = SQLITE_FILE.matcher(file.getFileName().toString());
                if (matcher.matches() && isStale(matcher.group(1), now, maxAge) && Files.deleteIfExists(file)) {
                    deleted.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the leftover SQLite files in " + directory, e);
        }
        return List.copyOf(deleted);
    }
}
