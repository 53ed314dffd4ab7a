package dev.kysera.executor.internal;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.core.error.UniqueConstraintException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Key;
import org.jooq.SQLDialect;
import org.jooq.impl.QOM;
import org.jooq.tools.jdbc.DefaultPreparedStatement;

/**
 * Makes upserts atomic on H2. jOOQ runs {@code INSERT … ON CONFLICT DO UPDATE / DO NOTHING} and
 * {@code ON DUPLICATE KEY UPDATE / IGNORE} on H2 as a {@code MERGE}, which checks for the key and
 * then inserts: a concurrent writer that inserts the same key in between (or still holds it
 * uncommitted) makes it fail with a unique violation, where PostgreSQL, MariaDB and SQLite would
 * have updated or ignored (h2database#4171). H2 rolls back only the failed statement, in autocommit
 * and inside transactions alike, so the same prepared statement, with the same binds, runs again on
 * the same connection: by then the row is there and the {@code MERGE} takes its update (or ignore)
 * branch. Only a violation of the upsert's own conflict key is repeated (its {@code ON CONFLICT}
 * columns, else any unique key of the table, which is what jOOQ's {@code MERGE} matches); any other
 * unique violation, and one still there after {@value #REPEATS} repeats, reaches the caller.
 * Recognised from jOOQ's query model, never the SQL text; single statements only, not batches.
 * Stateless: one instance serves every execution of H2 executors.
 */
final class H2UpsertRepeat implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    /** Repeats after the first attempt; the pauses before them total 127 ms at most. */
    static final int REPEATS = 8;
    private static final ErrorTranslator TRANSLATOR = ErrorTranslator.standard();

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        // Called for H2 executors only (ExecutionBasics).
        if (ctx.batchMode() == ExecuteContext.BatchMode.NONE && ctx.statement() != null && ctx.query() instanceof QOM.Insert<?> insert && isUpsert(insert)) {
            ctx.statement(new RepeatingStatement(ctx.statement(), conflictKeys(insert)));
        }
    }

    private static boolean isUpsert(QOM.Insert<?> insert) {
        return !insert.$updateSet().isEmpty() || insert.$onDuplicateKeyIgnore() || insert.$onDuplicateKeyUpdate();
    }

    /** The column sets whose violation the upsert resolves, names in upper case. */
    private static List<Set<String>> conflictKeys(QOM.Insert<?> insert) {
        if (!insert.$onConflict().isEmpty()) {
            return List.of(names(insert.$onConflict()));
        }
        List<Set<String>> keys = new ArrayList<>();
        for (Key<?> key : insert.$into().getKeys()) {
            keys.add(names(key.getFields()));
        }
        return keys;
    }

    private static Set<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(field -> field.getUnqualifiedName().last().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** One execution of an upsert; repeats it on its own connection while H2 reports its conflict key violated. */
    private static final class RepeatingStatement extends DefaultPreparedStatement {
        private final List<Set<String>> conflictKeys;

        RepeatingStatement(PreparedStatement delegate, List<Set<String>> conflictKeys) {
            super(delegate);
            this.conflictKeys = conflictKeys;
        }

        @FunctionalInterface
        private interface Run<T> {
            T run() throws SQLException;
        }

        private <T> T repeating(Run<T> run) throws SQLException {
            for (int repeat = 0; ; repeat++) {
                try {
                    return run.run();
                } catch (SQLException failed) {
                    if (repeat == REPEATS || !violatesConflictKey(failed)) {
                        throw failed;
                    }
                    pause(repeat, failed);
                }
            }
        }

        private boolean violatesConflictKey(SQLException failed) {
            if (!(TRANSLATOR.translate(failed, SQLDialect.H2) instanceof UniqueConstraintException unique)) {
                return false;
            }
            List<String> columns = unique.details().names().columns();
            Set<String> violated = columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
            return !violated.isEmpty() && conflictKeys.contains(violated);
        }

        /** None before the first repeat (the winner has usually committed by then), then 1, 2, 4 … 64 ms. */
        private static void pause(int repeat, SQLException failed) throws SQLException {
            if (repeat == 0) {
                return;
            }
            try {
                Thread.sleep(1L << (repeat - 1));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failed;
            }
        }

        @Override
        public int executeUpdate() throws SQLException {
            return repeating(super::executeUpdate);
        }

        @Override
        public long executeLargeUpdate() throws SQLException {
            return repeating(super::executeLargeUpdate);
        }

        @Override
        public boolean execute() throws SQLException {
            return repeating(super::execute);
        }

        @Override
        public ResultSet executeQuery() throws SQLException {
            return repeating(super::executeQuery);
        }
    }
}
