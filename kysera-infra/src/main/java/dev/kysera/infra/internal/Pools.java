package dev.kysera.infra.internal;

import dev.kysera.infra.PoolState;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads pool state from the pools Kysera knows (HikariCP, an optional dependency), without a connection. */
public final class Pools {

    private static final boolean HIKARI = present("com.zaxxer.hikari.HikariDataSource");

    private Pools() {
    }

    /** The pool's state, if {@code dataSource} is (or wraps) a running HikariCP pool. */
    public static Optional<PoolState> state(DataSource dataSource) {
        return HIKARI ? Hikari.state(dataSource) : Optional.empty();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Pools.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when HikariCP is on the class path. */
    private static final class Hikari {
        static Optional<PoolState> state(DataSource dataSource) {
            try {
                if (!dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                    return Optional.empty();
                }
                var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
                var bean = pool.getHikariPoolMXBean(); // null until the pool has started, and once closed
                if (bean == null || pool.isClosed()) {
                    return Optional.empty();
                }
                return Optional.of(new PoolState(bean.getActiveConnections(), bean.getIdleConnections(),
                        bean.getThreadsAwaitingConnection(), bean.getTotalConnections(), pool.getMaximumPoolSize()));
            } catch (SQLException notAWrapper) {
                return Optional.empty();
            }
        }
    }
}
