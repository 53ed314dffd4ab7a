package dev.kysera.migrations.internal;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.log.KyseraLog;
import dev.kysera.migrations.ChecksumMismatchException;
import dev.kysera.migrations.Direction;
import dev.kysera.migrations.DownTarget;
import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationException;
import dev.kysera.migrations.MigrationExecutionException;
import dev.kysera.migrations.MigrationInfo;
import dev.kysera.migrations.MigrationPlanException;
import dev.kysera.migrations.MigrationResult;
import dev.kysera.migrations.MigrationRun;
import dev.kysera.migrations.MigrationState;
import dev.kysera.migrations.MigrationStatus;
import dev.kysera.migrations.MigrationValidationException;
import dev.kysera.migrations.MigrationVersion;
import dev.kysera.migrations.PendingRepairException;
import dev.kysera.migrations.RepairResult;
import dev.kysera.migrations.SqlStatement;
import dev.kysera.migrations.UpTarget;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Carries out the migrator's commands. Stateless between commands; each opens its own connection. */
public final class Engine {

    private static final System.Logger LOG = KyseraLog.logger(Engine.class);
    private static final int MAX_NAME = 200;

    private final MigrationConfig config;
    private final SQLDialect dialect;
    private final HistoryTable history;
    private final DryRunner dryRunner;

    public Engine(MigrationConfig config) {
        this.config = config;
        this.dialect = config.dialect();
        this.history = new HistoryTable(config.historyTable(), config.historySchema().orElse(null));
        this.dryRunner = new DryRunner(dialect);
    }

    // ---- commands -------------------------------------------------------------------------

    public MigrationResult up(UpTarget target) {
        Code code = load();
        return locked((session, rows) -> {
            List<Migration> plan = planUp(code, rows, target);
            List<MigrationRun> runs = new ArrayList<>();
            for (Migration migration : plan) {
                session.applyUp(migration, code.checksumIfDryRunnable(migration)).ifPresent(runs::add);
            }
            return new MigrationResult(runs, false);
        }, code);
    }

    public MigrationResult down(DownTarget target) {
        Code code = load();
        return locked((session, rows) -> {
            List<MigrationRun> runs = new ArrayList<>();
            for (Migration migration : planDown(code, rows, target)) {
                session.applyDown(migration).ifPresent(runs::add);
            }
            return new MigrationResult(runs, false);
        }, code);
    }

    public MigrationResult dryRunUp(UpTarget target) {
        Code code = load();
        List<HistoryRow> rows = readHistory();
        verify(code, rows);
        return new MigrationResult(planUp(code, rows, target).stream().map(m -> dryRunner.run(m, Direction.UP)).toList(), true);
    }

    public MigrationResult dryRunDown(DownTarget target) {
        Code code = load();
        List<HistoryRow> rows = readHistory();
        verify(code, rows);
        return new MigrationResult(planDown(code, rows, target).stream().map(m -> dryRunner.run(m, Direction.DOWN)).toList(), true);
    }

    public MigrationStatus status() {
        Code code = load();
        return status(code, readHistory());
    }

    public MigrationStatus validate() {
        Code code = load();
        List<HistoryRow> rows = readHistory();
        verify(code, rows);
        return status(code, rows);
    }

    public RepairResult repair() {
        Code code = load();
        return lockedRaw(session -> {
            List<MigrationVersion> removed = new ArrayList<>();
            List<MigrationVersion> realigned = new ArrayList<>();
            for (HistoryRow row : history.read(session.dsl)) {
                Migration migration = code.byVersion.get(row.version());
                if (!row.success()) {
                    history.delete(session.dsl, row.version());
                    removed.add(row.version());
                } else if (migration != null && !row.isBaseline()
                        && (!code.checksum(migration).equals(row.checksum()) || !migration.name().equals(row.name()))) {
                    history.realign(session.dsl, row.version(), migration.name(), code.checksum(migration));
                    realigned.add(row.version());
                }
            }
            LOG.log(Level.INFO, () -> "Repaired " + history.displayName() + ": removed failed " + removed
                    + ", realigned " + realigned);
            return new RepairResult(removed, realigned);
        });
    }

    public void baseline(MigrationVersion version) {
        lockedRaw(session -> {
            List<HistoryRow> rows = history.read(session.dsl);
            if (!rows.isEmpty()) {
                throw new MigrationPlanException("Cannot baseline at " + version + ": " + history.displayName() + " already has "
                        + rows.size() + " row(s); baseline adopts a database that has no migration history yet");
            }
            history.insert(session.dsl, new HistoryRow(0, version, "baseline", HistoryRow.BASELINE, null, session.installedBy(),
                    now(), 0, true));
            return null;
        });
    }

    // ---- planning -------------------------------------------------------------------------

    private List<Migration> planUp(Code code, List<HistoryRow> rows, UpTarget target) {
        Map<MigrationVersion, HistoryRow> recorded = index(rows);
        Optional<MigrationVersion> baseline = rows.stream().filter(HistoryRow::isBaseline).map(HistoryRow::version).findFirst();
        Optional<MigrationVersion> newest = rows.stream().filter(r -> !r.isBaseline()).map(HistoryRow::version)
                .max(Comparator.naturalOrder());
        List<Migration> pending = code.sorted.stream()
                .filter(m -> !recorded.containsKey(m.version()))
                .filter(m -> baseline.map(m.version()::isAfter).orElse(true))
                .toList();
        if (!config.outOfOrder() && newest.isPresent()) {
            List<MigrationVersion> older = pending.stream().map(Migration::version).filter(v -> newest.get().isAfter(v)).toList();
            if (!older.isEmpty()) {
                throw new MigrationPlanException("Pending migration(s) " + older + " are older than the newest applied " + newest.get()
                        + "; apply them deliberately with MigrationConfig.outOfOrder(true) or give them newer versions");
            }
        }
        return switch (target) {
            case UpTarget.All all -> pending;
            case UpTarget.Steps steps -> pending.subList(0, Math.min(steps.count(), pending.size()));
            case UpTarget.ToVersion to -> {
                if (!code.byVersion.containsKey(to.version())) {
                    throw new MigrationPlanException("No migration has version " + to.version() + " (known: "
                            + code.byVersion.keySet() + ")");
                }
                yield pending.stream().filter(m -> !m.version().isAfter(to.version())).toList();
            }
        };
    }

    private List<Migration> planDown(Code code, List<HistoryRow> rows, DownTarget target) {
        Optional<MigrationVersion> baseline = rows.stream().filter(HistoryRow::isBaseline).map(HistoryRow::version).findFirst();
        List<HistoryRow> applied = rows.stream().filter(r -> !r.isBaseline()).sorted(Comparator.comparingInt(HistoryRow::rank).reversed())
                .toList();
        List<HistoryRow> chosen = switch (target) {
            case DownTarget.Steps steps -> {
                if (steps.count() > applied.size()) {
                    throw new MigrationPlanException("down " + steps.count() + " steps, but only " + applied.size()
                            + " migration(s) are applied" + baseline.map(b -> " above the baseline " + b).orElse("")
                            + "; nothing was reverted");
                }
                yield applied.subList(0, steps.count());
            }
            case DownTarget.ToVersion to -> {
                if (baseline.isPresent() && baseline.get().isAfter(to.version())) {
                    throw new MigrationPlanException("down to " + to.version() + " would pass the baseline " + baseline.get()
                            + ": migrations at or before a baseline were never run by this migrator and cannot be reverted");
                }
                yield applied.stream().filter(r -> r.version().isAfter(to.version())).toList();
            }
        };
        List<Migration> plan = new ArrayList<>();
        for (HistoryRow row : chosen) {
            Migration migration = code.byVersion.get(row.version());
            if (migration == null) {
                throw new MigrationPlanException("Cannot revert " + row.version() + " (" + row.name() + "): it is not in the code");
            }
            if (!migration.isReversible()) {
                throw new MigrationPlanException("Cannot revert " + row.version() + " (" + row.name() + "): it has no down step;"
                        + " nothing was reverted");
            }
            plan.add(migration);
        }
        return plan;
    }

    // ---- validation and status ------------------------------------------------------------

    private void verify(Code code, List<HistoryRow> rows) {
        List<MigrationVersion> failed = rows.stream().filter(r -> !r.success()).map(HistoryRow::version).toList();
        if (!failed.isEmpty()) {
            throw new PendingRepairException("Migration(s) " + failed + " failed or were interrupted on a database whose DDL"
                    + " commits implicitly, so they may be partly applied (success = false in " + history.displayName()
                    + "). Restore the schema by hand, then run repair().", failed);
        }
        List<MigrationVersion> changed = new ArrayList<>();
        List<MigrationVersion> missing = new ArrayList<>();
        for (HistoryRow row : rows) {
            Migration migration = code.byVersion.get(row.version());
            if (row.isBaseline()) {
                continue;
            }
            if (migration == null) {
                missing.add(row.version());
            } else if (!code.checksum(migration).equals(row.checksum())) {
                changed.add(row.version());
            }
        }
        if (!changed.isEmpty()) {
            throw new ChecksumMismatchException("Applied migration(s) " + changed + " were changed since they ran (checksum"
                    + " differs from " + history.displayName() + "). Undo the edit, or run repair() if it is deliberate.", changed);
        }
        if (!missing.isEmpty()) {
            throw new MigrationValidationException("Applied migration(s) " + missing + " are recorded in " + history.displayName()
                    + " but missing from the code", missing);
        }
    }

    private MigrationStatus status(Code code, List<HistoryRow> rows) {
        Map<MigrationVersion, HistoryRow> recorded = index(rows);
        Optional<MigrationVersion> baseline = rows.stream().filter(HistoryRow::isBaseline).map(HistoryRow::version).findFirst();
        TreeMap<MigrationVersion, MigrationInfo> infos = new TreeMap<>();
        for (HistoryRow row : rows) {
            Migration migration = code.byVersion.get(row.version());
            MigrationState state;
            if (row.isBaseline()) {
                state = MigrationState.BASELINE;
            } else if (!row.success()) {
                state = MigrationState.FAILED;
            } else if (migration == null) {
                state = MigrationState.MISSING;
            } else {
                state = code.checksum(migration).equals(row.checksum()) ? MigrationState.APPLIED : MigrationState.CHANGED;
            }
            infos.put(row.version(), MigrationInfo.recorded(row.version(), migration == null ? row.name() : migration.name(), state,
                    row.checksum(), row.installedAt(), row.installedBy(), Duration.ofMillis(row.executionMs())));
        }
        for (Migration migration : code.sorted) {
            if (!recorded.containsKey(migration.version())) {
                boolean below = baseline.isPresent() && !migration.version().isAfter(baseline.get());
                infos.put(migration.version(), MigrationInfo.unrecorded(migration.version(), migration.name(),
                        below ? MigrationState.BELOW_BASELINE : MigrationState.PENDING));
            }
        }
        return new MigrationStatus(List.copyOf(infos.values()));
    }

    private static Map<MigrationVersion, HistoryRow> index(List<HistoryRow> rows) {
        Map<MigrationVersion, HistoryRow> map = new HashMap<>();
        rows.forEach(r -> map.put(r.version(), r));
        return map;
    }

    // ---- loading --------------------------------------------------------------------------

    private Code load() {
        Map<MigrationVersion, Migration> byVersion = new LinkedHashMap<>();
        for (var source : config.sources()) {
            for (Migration migration : source.load(dialect)) {
                String name = migration.name();
                if (name == null || name.isBlank() || name.length() > MAX_NAME) {
                    throw new InvalidMigrationException("Migration " + migration.version() + " needs a name of 1 to " + MAX_NAME
                            + " characters, was " + (name == null ? "null" : "'" + name + "'"));
                }
                Migration previous = byVersion.putIfAbsent(migration.version(), migration);
                if (previous != null) {
                    throw new InvalidMigrationException("Duplicate migration version " + migration.version() + ": " + previous
                            + " and " + migration);
                }
            }
        }
        return new Code(byVersion, dryRunner);
    }

    /** The migrations in the code, with checksums computed once. */
    private static final class Code {
        final Map<MigrationVersion, Migration> byVersion;
        final List<Migration> sorted;
        private final DryRunner dryRunner;
        private final Map<MigrationVersion, String> checksums = new HashMap<>();

        Code(Map<MigrationVersion, Migration> byVersion, DryRunner dryRunner) {
            this.byVersion = byVersion;
            this.sorted = byVersion.values().stream().sorted(Comparator.comparing(Migration::version)).toList();
            this.dryRunner = dryRunner;
        }

        String checksum(Migration migration) {
            return checksums.computeIfAbsent(migration.version(), v -> dryRunner.checksum(migration));
        }

        /** The checksum, or null for a Java migration that fails in a dry run (its real run then provides it). */
        String checksumIfDryRunnable(Migration migration) {
            try {
                return checksum(migration);
            } catch (InvalidMigrationException e) {
                return null;
            }
        }
    }

    // ---- sessions -------------------------------------------------------------------------

    private interface LockedWork<T> {
        T run(Session session, List<HistoryRow> rows) throws SQLException;
    }

    private interface RawWork<T> {
        T run(Session session) throws SQLException;
    }

    /** Under the lock: reads and verifies the history, then runs the work. */
    private <T> T locked(LockedWork<T> work, Code code) {
        return lockedRaw(session -> {
            List<HistoryRow> rows = history.read(session.dsl);
            verify(code, rows);
            return work.run(session, rows);
        });
    }

    private <T> T lockedRaw(RawWork<T> work) {
        DatabaseLock lock = DatabaseLock.of(dialect, config.historyTable(), config.dataSource());
        Connection connection = open();
        boolean locked = false;
        try {
            connection.setAutoCommit(true);
            lock.acquire(connection, new DatabaseLock.Deadline(config.lockTimeout()));
            locked = true;
            Session session = new Session(connection, lock);
            history.create(session.dsl);
            return work.run(session);
        } catch (SQLException | org.jooq.exception.DataAccessException e) {
            throw database("Migration command failed", e);
        } finally {
            if (locked) {
                release(lock, connection);
            }
            closeQuietly(connection);
        }
    }

    private List<HistoryRow> readHistory() {
        Connection connection = open();
        try {
            DSLContext dsl = DSL.using(connection, dialect);
            return history.exists(dsl) ? history.read(dsl) : List.of();
        } catch (org.jooq.exception.DataAccessException e) {
            throw database("Could not read " + history.displayName(), e);
        } finally {
            closeQuietly(connection);
        }
    }

    private Connection open() {
        try {
            return config.dataSource().getConnection();
        } catch (SQLException e) {
            throw database("Could not connect to run migrations", e);
        }
    }

    private static void release(DatabaseLock lock, Connection connection) {
        try {
            lock.release(connection);
        } catch (SQLException | RuntimeException e) {
            if (isClosed(connection)) {
                return; // the session ended, and its lock with it
            }
            // A pooled connection that may still hold the session lock must not go back to the pool.
            LOG.log(Level.WARNING, "Could not release the migration lock; aborting the connection so the lock ends with it", e);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // the session is gone already
            }
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do with a connection that will not close
        }
    }

    private MigrationException database(String what, Throwable e) {
        if (e instanceof MigrationException migration) {
            return migration;
        }
        KyseraException translated = ErrorTranslator.standard().translate(e, dialect);
        return new MigrationException(what + ": " + translated.getMessage(), translated);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(config.clock().instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** One command's connection, lock and recorder. */
    private final class Session {
        final Connection connection;
        final DatabaseLock lock;
        final DSLContext dsl;
        final StatementRecorder recorder = new StatementRecorder();
        final DefaultMigrationContext context;
        private String installedBy;

        Session(Connection connection, DatabaseLock lock) {
            this.connection = connection;
            this.lock = lock;
            this.dsl = DSL.using(connection, dialect);
            this.context = new DefaultMigrationContext(recorder.wrap(connection), dialect);
        }

        String installedBy() throws SQLException {
            if (installedBy == null) {
                String user = config.installedBy().orElse(null);
                if (user == null) {
                    user = connection.getMetaData().getUserName();
                }
                if (user == null || user.isBlank()) {
                    user = System.getProperty("user.name", "unknown");
                }
                installedBy = user.length() > 100 ? user.substring(0, 100) : user;
            }
            return installedBy;
        }

        private boolean inTransaction(Migration migration) {
            return lock instanceof SqliteLock || (lock.transactionalDdl() && migration.isTransactional());
        }

        Optional<MigrationRun> applyUp(Migration migration, String checksum) throws SQLException {
            String type = migration instanceof SqlFileMigration ? HistoryRow.SQL : HistoryRow.JAVA;
            HistoryRow row = new HistoryRow(0, migration.version(), migration.name(), type, checksum, installedBy(), now(), 0, false);
            return run(migration, Direction.UP, already -> already,
                    () -> history.insert(dsl, row),
                    (ms, statements) -> {
                        String sum = checksum != null ? checksum : migration.checksum().orElseGet(() ->
                                Checksums.of(statements.stream().map(SqlStatement::toString).toList()));
                        if (inTransaction(migration)) {
                            history.insert(dsl, new HistoryRow(0, row.version(), row.name(), type, sum, row.installedBy(),
                                    row.installedAt(), ms, true));
                        } else {
                            history.markSucceeded(dsl, migration.version(), sum, ms);
                        }
                    });
        }

        Optional<MigrationRun> applyDown(Migration migration) throws SQLException {
            return run(migration, Direction.DOWN, already -> !already,
                    () -> history.markFailed(dsl, migration.version(), 0),
                    (ms, statements) -> history.delete(dsl, migration.version()));
        }

        /**
         * Runs one migration. In a transaction: begin (SQLite: take the write lock), skip if
         * {@code skip} says another runner got there first, run, record, commit. Without one:
         * record "not succeeded" first and committed, run, then record the outcome — so a failure
         * or a dead runner stays visible.
         */
        private Optional<MigrationRun> run(Migration migration, Direction direction, Predicate<Boolean> skip,
                SqlAction before, AfterAction after) throws SQLException {
            boolean transactional = inTransaction(migration);
            if (transactional) {
                lock.begin(connection, new DatabaseLock.Deadline(config.lockTimeout()));
                if (skip.test(history.contains(dsl, migration.version()))) {
                    lock.commit(connection);
                    LOG.log(Level.INFO, () -> "Migration " + migration.version() + " was " + direction.name().toLowerCase(java.util.Locale.ROOT)
                            + "-migrated by another runner meanwhile; skipped");
                    return Optional.empty();
                }
            } else {
                before.run();
            }
            recorder.take();
            long start = System.nanoTime();
            try {
                if (direction == Direction.UP) {
                    migration.up(context);
                } else {
                    migration.down(context);
                }
                long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                List<SqlStatement> statements = recorder.take();
                after.run(ms, statements);
                if (transactional) {
                    lock.commit(connection);
                }
                LOG.log(Level.INFO, () -> "Migrated " + direction.name().toLowerCase(java.util.Locale.ROOT) + " " + migration.version()
                        + " (" + migration.name() + ") in " + ms + " ms");
                return Optional.of(new MigrationRun(migration.version(), migration.name(), direction, statements,
                        Duration.ofMillis(ms)));
            } catch (Exception e) {
                long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                if (transactional) {
                    try {
                        lock.rollback(connection);
                    } catch (SQLException | RuntimeException rollback) {
                        e.addSuppressed(rollback);
                    }
                } else {
                    try {
                        history.markFailed(dsl, migration.version(), ms);
                    } catch (RuntimeException mark) {
                        e.addSuppressed(mark);
                    }
                }
                Throwable cause = e instanceof KyseraException ? e : ErrorTranslator.standard().translate(e, dialect);
                String outcome = transactional ? "it was rolled back; nothing of it remains"
                        : "its changes up to the failure remain (" + (lock.transactionalDdl() ? "it is not transactional"
                                : dialect.family() + " commits DDL implicitly") + "); it is recorded with success = false"
                                + " and up/down refuse until you restore the schema and run repair()";
                throw new MigrationExecutionException("Migration " + migration.version() + " (" + migration.name() + ") failed "
                        + direction.name().toLowerCase(java.util.Locale.ROOT) + ": " + cause.getMessage() + "; " + outcome,
                        migration.version(), direction, !transactional, cause);
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface AfterAction {
        void run(long millis, List<SqlStatement> statements) throws SQLException;
    }
}
