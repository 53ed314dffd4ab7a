package dev.kysera.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.core.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.SQLDialect;

/**
 * The database an example's {@code main} runs on: the JDBC URL given, or a new SQLite file in the
 * temporary directory (deleted on close). Pooled with HikariCP.
 *
 * @param dataSource the pool
 * @param dialect    the dialect of the URL
 * @param shownUrl   the URL with any password masked, for printing
 * @param sqliteFile the temporary SQLite file, or null when a URL was given
 */
public record RunnableDatabase(HikariDataSource dataSource, SQLDialect dialect, String shownUrl, Path sqliteFile) implements AutoCloseable {

    /**
     * Opens the pool.
     *
     * @param args the example's arguments: none, or one JDBC URL
     * @throws IllegalArgumentException for more than one argument or a URL of an unsupported database
     */
    public static RunnableDatabase open(String name, String[] args) {
        if (args.length > 1) {
            throw new IllegalArgumentException("expected at most one argument, a JDBC URL; got " + args.length);
        }
        Path file = null;
        String url;
        if (args.length == 1) {
            url = args[0];
        } else {
            try {
                file = Files.createTempFile("kysera-" + name + "-", ".db");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // busy_timeout: concurrent writers wait for SQLite's lock instead of failing at once.
            url = "jdbc:sqlite:" + file + "?busy_timeout=5000&journal_mode=WAL&foreign_keys=true";
        }
        SQLDialect dialect = Dialects.fromJdbcUrl(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(dialect.family() == SQLDialect.SQLITE ? 4 : 8);
        config.setPoolName("kysera-" + name);
        return new RunnableDatabase(new HikariDataSource(config), dialect, url.replaceAll("password=[^&]*", "password=***"), file);
    }

    @Override
    public void close() {
        dataSource.close();
        if (sqliteFile != null) {
            try {
                Files.deleteIfExists(sqliteFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
