package dev.kysera.executor.internal;

import dev.kysera.core.error.DatabaseException;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.TransientDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.ExecuteContext;

/**
 * Replaces jOOQ's {@code DataAccessException}s with Kysera's typed errors (unique, foreign key,
 * transient, …) for every statement run through an executor; the original stays the cause. A
 * failure on a connection that is closed by then is a lost connection, whatever the driver said.
 */
final class ErrorTranslation {

    private ErrorTranslation() {
    }

    /** Replaces the execution's failure, if any, by the executor's translation of it. */
    static void translate(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        Scope scope = Scope.of(ctx.configuration());
        if (failure != null && scope != null) {
            ctx.exception(translate(scope, failure, ctx));
        }
    }

    /** {@code failure} as the executor of {@code scope} reports it: translated, unless translation is off. */
    static RuntimeException translate(Scope scope, RuntimeException failure, ExecuteContext ctx) {
        return scope.lifecycle().translator().<RuntimeException>map(translator -> lostConnection(translator.translate(failure, ctx.dialect()),
                ctx)).orElse(failure);
    }

    /** {@code failure} of a statement run on {@code connection} outside jOOQ's execution, as {@link #translate(Scope, RuntimeException, ExecuteContext)} reports it. */
    static RuntimeException translate(Scope scope, RuntimeException failure, org.jooq.SQLDialect dialect, Connection connection) {
        return scope.lifecycle().translator().<RuntimeException>map(translator -> lostConnection(translator.translate(failure, dialect),
                () -> isClosed(connection))).orElse(failure);
    }

    private static KyseraException lostConnection(KyseraException translated, ExecuteContext ctx) {
        return lostConnection(translated, () -> isClosed(ctx));
    }

    private static KyseraException lostConnection(KyseraException translated, java.util.function.BooleanSupplier closed) {
        if (translated.isTransient() || !(translated instanceof DatabaseException database) || !closed.getAsBoolean()) {
            return translated;
        }
        return new TransientDatabaseException(TransientDatabaseException.Kind.CONNECTION_LOST, database.details(), translated.getCause());
    }

    /**
     * Whether the statement's connection is closed: asked through the prepared statement when there
     * is one, else the execution's connection (a failed acquisition never gets here: it is transient).
     */
    private static boolean isClosed(ExecuteContext ctx) {
        try {
            PreparedStatement statement = ctx.statement();
            return isClosed(statement == null ? ctx.connection() : statement.getConnection());
        } catch (SQLException e) {
            return true;
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection != null && connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
