package dev.kysera.executor.internal;

import dev.kysera.executor.AutocommitStatement;
import dev.kysera.executor.StatementGuard;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.AttachableQueryPart;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.tools.jdbc.DefaultPreparedStatement;
import org.jooq.tools.jdbc.MockResultSet;

/**
 * Passes statements run outside a transaction through the executor's {@link StatementGuard}s.
 * Only in the listener list of executors that have guards, so others pay nothing. A failed
 * single statement is recovered inside its JDBC call: the statement is wrapped once prepared,
 * and when the driver fails, the guards may run a copy of the query again through a fresh
 * execution (its own connection, plugins and guards); the wrapper hands jOOQ that execution's rows (as a
 * {@link MockResultSet}) or update count, so the caller's {@code fetch()} or {@code execute()}
 * returns as if the first attempt had succeeded.
 */
final class StatementGuards implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    /** Marks the configuration of a repeated attempt: it is guarded, but not recovered again. */
    private static final Object REPEATED = new Object() {
        @Override
        public String toString() {
            return "dev.kysera.executor.StatementGuards.REPEATED";
        }
    };
    private static final Object ATTEMPT = new Object() {
        @Override
        public String toString() {
            return "dev.kysera.executor.StatementGuards.ATTEMPT";
        }
    };

    private static final Table<?> PLACEHOLDER_TABLE = DSL.table(DSL.name("kysera copy placeholder"));
    private static final Condition PLACEHOLDER_CONDITION = DSL.condition("/* kysera copy placeholder */ 1 = 1");

    @Override
    public void start(ExecuteContext ctx) {
        Scope scope = Scope.of(ctx.configuration());
        if (scope == null || scope.effectiveTransaction() != null) {
            return;
        }
        Attempt attempt = new Attempt(scope.lifecycle().statementGuards(),
                new AutocommitStatement(ctx.query(), ctx.type() == ExecuteType.READ, System.nanoTime()));
        ctx.data(ATTEMPT, attempt);
        attempt.enter();
        // The execution's own configuration hands out the execution's connection: start from the executor's provider.
        if (ctx.query() instanceof AttachableQueryPart attached && attached.configuration() != null) {
            ConnectionProvider own = attached.configuration().connectionProvider();
            ConnectionProvider chosen = attempt.connections(own);
            if (chosen != own) {
                ctx.connectionProvider(chosen);
            }
        }
    }

    /** Wraps when the statement is prepared: jOOQ takes the statement it executes before execute start. */
    @Override
    public void prepareEnd(ExecuteContext ctx) {
        if (!(ctx.data(ATTEMPT) instanceof Attempt attempt) || ctx.configuration().data(REPEATED) != null
                || ctx.batchMode() != ExecuteContext.BatchMode.NONE || ctx.query() == null || ctx.statement() == null) {
            return;
        }
        Scope scope = Scope.of(ctx.configuration());
        // On a single connection of the caller's a repeat would reuse that connection, in whatever state it is.
        if (scope.lifecycle().connectsPerStatement() && copyable(ctx.query())
                && ctx.query() instanceof AttachableQueryPart attached && Scope.of(attached.configuration()) != null) {
            ctx.statement(new RecoveringStatement(ctx.statement(), ctx, scope, attempt, attached.configuration()));
        }
    }

    private static boolean copyable(Query query) {
        return query instanceof Select || query instanceof QOM.Insert || query instanceof QOM.Update || query instanceof QOM.Delete;
    }

    /**
     * A copy of a {@link #copyable} query to run again (made only when a failure is recovered).
     * Never the running query itself: jOOQ keeps an execution's cursor in the query object, so
     * running it again inside its own execution would hand the caller the repeat's closed cursor.
     * A query-model setter given the value already there returns the same object, so each copy
     * changes a clause and changes it back.
     */
    private static Query copy(Query query) {
        return switch (query) {
            case Select<?> select -> select.$distinct(!select.$distinct()).$distinct(select.$distinct());
            case QOM.Insert<?> insert -> insert.$into(PLACEHOLDER_TABLE).$into(insert.$into());
            case QOM.Update<?> update -> update.$where(PLACEHOLDER_CONDITION).$where(update.$where());
            case QOM.Delete<?> delete -> delete.$where(PLACEHOLDER_CONDITION).$where(delete.$where());
            default -> throw new IllegalArgumentException("not copyable: " + query.getClass());
        };
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (ctx.data(ATTEMPT) instanceof Attempt attempt) {
            attempt.exit(ctx.exception());
        }
    }

    /** One attempt: the guards it entered, and whether they were told its outcome. */
    private static final class Attempt {
        private final List<StatementGuard> guards;
        private final AutocommitStatement statement;
        private int entered;
        private boolean reported;

        Attempt(List<StatementGuard> guards, AutocommitStatement statement) {
            this.guards = guards;
            this.statement = statement;
        }

        void enter() {
            for (StatementGuard guard : guards) {
                guard.before(statement);
                entered++;
            }
        }

        ConnectionProvider connections(ConnectionProvider own) {
            ConnectionProvider chosen = own;
            for (StatementGuard guard : guards) {
                chosen = Objects.requireNonNull(guard.connections(statement, chosen), "connections");
            }
            return chosen;
        }

        void exit(RuntimeException failure) {
            if (reported) {
                return;
            }
            reported = true;
            for (int i = entered - 1; i >= 0; i--) {
                guards.get(i).after(statement, failure);
            }
        }

        Object recover(RuntimeException failure, Supplier<Object> again) {
            exit(failure);
            for (StatementGuard guard : guards) {
                try {
                    return guard.recover(statement, failure, again);
                } catch (RuntimeException rethrown) {
                    if (rethrown != failure) {
                        throw rethrown;
                    }
                }
            }
            throw failure;
        }
    }

    /** The statement of a guarded attempt: its driver failure may be recovered by running the query again. */
    private static final class RecoveringStatement extends DefaultPreparedStatement {
        private final ExecuteContext ctx;
        private final Scope scope;
        private final Attempt attempt;
        private boolean recovered;
        private ResultSet recoveredRows;
        private long recoveredCount = -1;

        private final Configuration executorConfiguration;
        private Query copy;

        RecoveringStatement(PreparedStatement delegate, ExecuteContext ctx, Scope scope, Attempt attempt,
                            Configuration executorConfiguration) {
            super(delegate);
            this.executorConfiguration = executorConfiguration;
            this.ctx = ctx;
            this.scope = scope;
            this.attempt = attempt;
        }

        /** Runs the guards' recovery; what it returns is a result set or an update count. Throws unchecked if it gives up. */
        private boolean recover(SQLException failed) {
            RuntimeException failure = ErrorTranslation.translate(scope, new DataAccessException(failed.getMessage(), failed), ctx);
            Object outcome = attempt.recover(failure, this::again);
            // From here on the failed statement is never asked again: it answers for the repeat.
            recovered = true;
            if (outcome instanceof ResultSet rows) {
                recoveredRows = rows;
                return true;
            }
            recoveredCount = ((Number) outcome).longValue();
            return false;
        }

        private Object again() {
            // The query's own (executor) configuration: the execution's would hand out the failed connection again.
            Configuration repeated = executorConfiguration.derive();
            repeated.data(REPEATED, Boolean.TRUE);
            if (copy == null) {
                copy = copy(ctx.query());
            }
            return copy instanceof ResultQuery<?> rows ? new MockResultSet(DSL.using(repeated).fetch(rows))
                    : (Object) DSL.using(repeated).execute(copy);
        }

        @Override
        public ResultSet executeQuery() throws SQLException {
            try {
                return super.executeQuery();
            } catch (SQLException failed) {
                recover(failed);
                return recoveredRows;
            }
        }

        @Override
        public boolean execute() throws SQLException {
            try {
                return super.execute();
            } catch (SQLException failed) {
                return recover(failed);
            }
        }

        @Override
        public int executeUpdate() throws SQLException {
            try {
                return super.executeUpdate();
            } catch (SQLException failed) {
                recover(failed);
                return (int) recoveredCount;
            }
        }

        @Override
        public long executeLargeUpdate() throws SQLException {
            try {
                return super.executeLargeUpdate();
            } catch (SQLException failed) {
                recover(failed);
                return recoveredCount;
            }
        }

        @Override
        public ResultSet getResultSet() throws SQLException {
            return recovered ? recoveredRows : super.getResultSet();
        }

        @Override
        public int getUpdateCount() throws SQLException {
            return recovered ? (int) recoveredCount : super.getUpdateCount();
        }

        @Override
        public long getLargeUpdateCount() throws SQLException {
            return recovered ? recoveredCount : super.getLargeUpdateCount();
        }

        @Override
        public boolean getMoreResults() throws SQLException {
            if (recovered) {
                recoveredRows = null;
                recoveredCount = -1;
                return false;
            }
            return super.getMoreResults();
        }
    }
}
