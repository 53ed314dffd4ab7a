package dev.kysera.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.core.dialect.Dialects;
import dev.kysera.core.dialect.UnsupportedDialectException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A HikariCP pool for one command, with the dialect read from the JDBC URL (MySQL URLs: from the server). */
final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final SQLDialect dialect;
    private final String url;

    private Database(HikariDataSource pool, SQLDialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
    }

    /**
     * Opens the pool.
     *
     * @param eager whether to connect now (a refused connection fails here); false lets {@code health} report it
     */
    static Database open(Config config, boolean eager) {
        String url = fileUrl(config.required("database.url", "give --url, KYSERA_DATABASE_URL or database.url in kysera.yaml"),
                config.relativeTo("database.url"));
        SQLDialect fromUrl;
        try {
            fromUrl = Dialects.fromJdbcUrl(url);
        } catch (UnsupportedDialectException e) {
            throw new ConfigException("database.url (" + config.source("database.url") + "): " + e.getMessage(), e);
        }
        Duration connectTimeout = config.duration("database.connectTimeout", Duration.ofSeconds(10));
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("kysera-cli");
        hikari.setJdbcUrl(url);
        config.string("database.user").ifPresent(hikari::setUsername);
        config.string("database.password").ifPresent(hikari::setPassword);
        // H2's migration lock holds a second connection; two are also enough for everything else.
        hikari.setMaximumPoolSize(config.integer("database.poolSize", 3, 2, 50));
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        hikari.setInitializationFailTimeout(eager ? 1 : -1);
        if (fromUrl == SQLDialect.SQLITE && !url.contains("busy_timeout")) {
            // Concurrent runners wait for SQLite's write lock (BEGIN IMMEDIATE) up to the lock timeout.
            hikari.addDataSourceProperty("busy_timeout",
                    String.valueOf(config.duration("migrations.lockTimeout", Duration.ofMinutes(1)).toMillis()));
        }
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            SQLDialect dialect = fromUrl == SQLDialect.MYSQL && eager ? Dialects.fromDataSource(pool) : fromUrl;
            return new Database(pool, dialect, url);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * A SQLite or H2 file URL with a relative path, made absolute against {@code base} (the config
     * file's directory, or the working directory for flags), so the database does not depend on
     * where the JVM happens to run. Other URLs are returned unchanged.
     */
    static String fileUrl(String url, Path base) {
        for (String prefix : List.of("jdbc:sqlite:", "jdbc:h2:file:", "jdbc:h2:")) {
            if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
                String rest = url.substring(prefix.length());
                int options = prefix.startsWith("jdbc:h2") ? rest.indexOf(';') : rest.indexOf('?');
                String path = options < 0 ? rest : rest.substring(0, options);
                boolean relative = !path.isEmpty() && !path.startsWith("/") && !path.startsWith(":") && !path.startsWith("file:")
                        && !path.startsWith("mem:") && !path.startsWith("tcp:") && !path.startsWith("ssl:") && !path.startsWith("~")
                        && !path.startsWith("zip:") && !(prefix.equals("jdbc:h2:") && !path.startsWith("."))
                        && !Path.of(path).isAbsolute();
                return relative ? prefix + base.resolve(path).normalize() + (options < 0 ? "" : rest.substring(options)) : url;
            }
        }
        return url;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    SQLDialect dialect() {
        return dialect;
    }

    /** The URL with credentials masked. */
    String displayUrl() {
        return Secrets.maskUrl(url);
    }

    /** A plain jOOQ context (no plugins), for introspection and maintenance. */
    DSLContext dsl() {
        return DSL.using(pool, dialect);
    }

    /**
     * A plain context for jOOQ's {@code Meta}. On MariaDB it reads metadata as MySQL: jOOQ 3.21's
     * MariaDB meta queries columns (IS_SYSTEM_TIME_PERIOD_START) that MariaDB before 11 lacks.
     */
    DSLContext metaDsl() {
        return DSL.using(pool, dialect == SQLDialect.MARIADB ? SQLDialect.MYSQL : dialect);
    }

    Executor executor(List<? extends Plugin> plugins) {
        return Executor.builder().dataSource(pool, dialect).plugins(plugins).build();
    }

    @Override
    public void close() {
        pool.close();
    }
}
