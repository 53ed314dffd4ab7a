package dev.kysera.executor.internal;

import dev.kysera.executor.TableReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.BindContext;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * The fast path of a {@link dev.kysera.executor.StatementShape}: the plugins decide again for
 * this call, the cached plan variant of their decisions gives the SQL, and it runs over JDBC on
 * the connection the executor would use, bound with jOOQ's own bindings and read into jOOQ
 * records, errors translated as the executor translates them.
 */
final class ShapeRun {

    /** jOOQ's execute logging: with it on (the default setting) and its logger at DEBUG, jOOQ logs every statement. */
    private static final org.jooq.tools.JooqLogger EXECUTE_LOG = org.jooq.tools.JooqLogger.getLogger(org.jooq.tools.LoggerListener.class);

    private ShapeRun() {
    }

    /**
     * Whether statements of this scope may skip jOOQ's execution: planning roles that need nothing
     * but the SQL (as the plan cache requires), no statement observers or guards, errors
     * translated, none of the caller's own listeners (nor jOOQ's diagnostics or its execute
     * logging at DEBUG), and settings with no execution options jOOQ would apply.
     */
    static boolean eligible(Scope scope, Configuration configuration) {
        ActiveRoles roles = scope.roles();
        if (!roles.plans() || roles.observes() || !roles.writeRules.isEmpty() || roles.failClosed() || !roles.columnMasks.isEmpty()
                || !scope.lifecycle().statementGuards().isEmpty() || !scope.lifecycle().planCache().enabled() || PlanTrace.enabled()
                // Untranslated errors are jOOQ's own exception types, which only its execution makes.
                || scope.lifecycle().translator().isEmpty() || configuration.diagnosticsListenerProviders().length > 0) {
            return false;
        }
        Settings settings = configuration.settings();
        if ((settings == null || !Boolean.FALSE.equals(settings.isExecuteLogging())) && EXECUTE_LOG.isDebugEnabled()) {
            return false;
        }
        if (!PlanCache.binds(settings) || settings != null && (nonZero(settings.getQueryTimeout()) || nonZero(settings.getMaxRows())
                || nonZero(settings.getFetchSize()))) {
            return false;
        }
        return ExecutorConfigurations.onlyKyseraVisitListeners(configuration) && ExecutorConfigurations.onlyKyseraExecuteListeners(configuration);
    }

    private static boolean nonZero(Integer value) {
        return value != null && value != 0;
    }

    /**
     * Runs a cached plan of {@code learned} (rebuilt for this scope's roles) with this call's
     * values; null when there is none for this call's decisions (the caller then runs the
     * statement through jOOQ, which plans it). Refusals of the plugins are thrown.
     */
    static Result<Record> fetch(Scope scope, Configuration configuration, PlanCache.Key learned, List<TableReference> references,
                                Supplier<List<Param<?>>> callerParams, ShapeRows fields) {
        scope.requireUsable();
        PlanCache cache = scope.lifecycle().planCache();
        PlanCache.Key key = learned.withRoles(scope.roles());
        PlanCache.Entry entry = cache.lookup(key);
        if (entry == null) {
            return null;
        }
        for (PlanCache.Call call : entry.calls) {
            if (call.leaf() >= references.size() || references.get(call.leaf()) == null) {
                return null;
            }
        }
        DSLContext keyer = cache.keyer(configuration);
        List<PlanCache.Decision> decisions = new StatementRewriter(scope, configuration.dialect(), false, false)
                .replay(entry.calls, references);
        PlanCache.Signature signature = decisions == null ? null : PlanCache.signature(keyer, decisions);
        PlanCache.Variant variant = signature == null ? null : cache.variant(entry, signature.shape());
        if (variant == null) {
            return null;
        }
        cache.shapeRun();
        Param<?>[] binds = variant.binds(callerParams.get(), signature.params());
        return run(scope, configuration, keyer, variant.sql(), binds, fields);
    }

    private static Result<Record> run(Scope scope, Configuration configuration, DSLContext keyer, String sql, Param<?>[] binds,
                                      ShapeRows fields) {
        ConnectionProvider provider = configuration.connectionProvider();
        Connection connection = provider.acquire();
        boolean sqlite = configuration.dialect().family() == SQLDialect.SQLITE;
        ShapeStatements statements = sqlite ? scope.lifecycle().shapeStatements().forConnection(provider, connection) : null;
        PreparedStatement statement = null;
        boolean reusable = false;
        try {
            statement = statements == null ? null : statements.borrow(connection, sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
            }
            BindContext bind = keyer.bindContext(sqlite ? SqliteTemporalBinds.fixedWidth(statement, binds) : statement);
            bind(bind, binds);
            Result<Record> result;
            try (ResultSet rows = statement.executeQuery()) {
                result = fields.read(keyer, rows);
            }
            result.attach(configuration);
            reusable = true;
            return result;
        } catch (SQLException e) {
            throw translated(scope, new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e), configuration.dialect(), connection);
        } catch (DataAccessException e) {
            throw translated(scope, e, configuration.dialect(), connection);
        } finally {
            if (statement != null) {
                if (reusable && statements != null) {
                    statements.giveBack(connection, sql, statement);
                } else {
                    ShapeStatements.closeQuietly(statement);
                }
            }
            provider.release(connection);
        }
    }

    /**
     * Binds in order. Text, BIGINT and INTEGER values of jOOQ's own bindings without converters are
     * set as those bindings set them ({@code setString}, {@code setLong}, {@code setInt}), without
     * jOOQ's per-value binding context (most of the cost of a many-row INSERT's binds); anything
     * else, nulls included, is bound by jOOQ at the same index.
     */
    private static void bind(BindContext bind, Param<?>[] binds) throws SQLException {
        PreparedStatement target = bind.statement();
        for (Param<?> param : binds) {
            Object value = param.getValue();
            if (value instanceof String text && ShapeRows.plain(param)) {
                target.setString(bind.nextIndex(), text);
            } else if (value instanceof Long number && ShapeRows.plain(param)) {
                target.setLong(bind.nextIndex(), number);
            } else if (value instanceof Integer number && ShapeRows.plain(param)) {
                target.setInt(bind.nextIndex(), number);
            } else {
                bind.visit(param);
            }
        }
    }

    private static RuntimeException translated(Scope scope, RuntimeException failure, SQLDialect dialect, Connection connection) {
        return ErrorTranslation.translate(scope, failure, dialect, connection);
    }
}
