package dev.kysera.migrations.internal;

import dev.kysera.migrations.MigrationLockException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import org.jooq.SQLDialect;

/**
 * How one dialect keeps two runners apart, and how it runs one migration in a transaction.
 * Every lock belongs to a database session, so it ends with the session: a runner that dies never
 * leaves a lock behind.
 * <ul>
 *   <li>PostgreSQL: {@code pg_try_advisory_lock} polled until the deadline (a session lock;
 *       polling rather than blocking so the wait has our timeout and cannot deadlock with
 *       {@code CREATE INDEX CONCURRENTLY}). DDL is transactional.</li>
 *   <li>MariaDB/MySQL: {@code GET_LOCK(name, seconds)}, a session lock. DDL commits implicitly.</li>
 *   <li>H2: a row of a lock table held {@code FOR UPDATE} by a second connection that never
 *       commits. H2 has no session-level advisory lock, and its DDL commits the open transaction,
 *       so the lock cannot live in the migrations' own transactions.</li>
 *   <li>SQLite: the database's write lock, taken by {@code BEGIN IMMEDIATE} for each migration's
 *       transaction; the runner re-reads the history inside it, so a migration another runner
 *       applied meanwhile is skipped.</li>
 * </ul>
 */
abstract class DatabaseLock {

    /** Takes the session lock, waiting until the deadline. */
    abstract void acquire(Connection connection, Deadline deadline) throws SQLException;

    /** Gives the session lock back; called once, after {@link #acquire} succeeded. */
    abstract void release(Connection connection) throws SQLException;

    /** Whether DDL rolls back with the transaction, so a failed migration leaves nothing behind. */
    abstract boolean transactionalDdl();

    /** Starts a migration's transaction. */
    void begin(Connection connection, Deadline deadline) throws SQLException {
        connection.setAutoCommit(false);
    }

    void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    void rollback(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    static DatabaseLock of(SQLDialect dialect, String historyTable, javax.sql.DataSource dataSource) {
        return switch (dialect.family()) {
            case POSTGRES -> new PostgresLock(historyTable);
            case MARIADB, MYSQL -> new NamedLock(historyTable);
            case H2 -> new H2Lock(historyTable, dataSource);
            case SQLITE -> new SqliteLock();
            default -> throw new IllegalStateException("no migration lock for " + dialect);
        };
    }

    /** A stable digest of the lock's scope (schema or database plus history table). */
    static byte[] digest(String scope) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("kysera-migrations:" + scope).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }

    static MigrationLockException timeout(Deadline deadline, String holder, Throwable cause) {
        return new MigrationLockException("Timed out after " + deadline.waited().toMillis() + " ms waiting for the migration"
                + " lock (" + holder + "); another runner holds it. Raise MigrationConfig.lockTimeout or retry later.",
                deadline.waited(), cause);
    }

    /** A point in time to wait until, on the monotonic clock. */
    static final class Deadline {
        private final long start = System.nanoTime();
        private final long end;

        Deadline(Duration timeout) {
            this.end = start + timeout.toNanos();
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
        }

        boolean passed() {
            return System.nanoTime() - end >= 0;
        }

        Duration waited() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        void pause() {
            try {
                Thread.sleep(Math.max(1, Math.min(100, remaining().toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationLockException("Interrupted while waiting for the migration lock", waited(), e);
            }
        }
    }
}
