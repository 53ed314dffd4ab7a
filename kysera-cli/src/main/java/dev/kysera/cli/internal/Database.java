package dev.kysera.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.core.dialect.Dialects;
import dev.kysera.core.dialect.UnsupportedDialectException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
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
        String url = config.required("database.url", "give --url, KYSERA_DATABASE_URL or database.url in kysera.yaml");
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

    Executor executor(List<? extends Plugin> plugins) {
        return Executor.builder().dataSource(pool, dialect).plugins(plugins).build();
    }

    @Override
    public void close() {
        pool.close();
    }
}
