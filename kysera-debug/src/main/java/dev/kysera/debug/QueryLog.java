package dev.kysera.debug;

import dev.kysera.core.error.KyseraException;
import dev.kysera.debug.internal.BindColumns;
import dev.kysera.debug.internal.BindRenderer;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TransactionHandle;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jooq.SQLDialect;

/**
 * Logs every statement and batch that runs through an executor, as it ran: the SQL after plugins
 * changed it, each executed row's bind values (redacted and capped, if enabled), the time the
 * database took, the rows, the plugins that changed the statement and the transaction. Slow
 * statements and failures (with their Kysera error code) get their own levels. Rendering a query
 * ({@code toString()}, {@code getSQL()}) logs nothing: observers only run when a statement executes.
 *
 * <p>Entries go to {@code System.Logger} (so SLF4J or Log4j pick them up through their platform
 * logging bridge) or to a {@link QueryLogOptions.Builder#sink(Consumer) sink}. With the logger,
 * nothing is formatted unless the entry's level is enabled.
 *
 * <pre>{@code
 * QueryLog log = QueryLogOptions.builder().logBinds(true).redactColumns("password").plugin();
 * Executor executor = Executor.builder().dsl(dsl).plugin(log).build();
 * }</pre>
 */
public final class QueryLog extends DebugPlugin<QueryLogOptions> {

    private final BindRenderer renderer;
    private final Consumer<LogEntry> sink;
    private final Logger logger;

    private QueryLog(QueryLogOptions options) {
        super(options, options.name());
        this.renderer = new BindRenderer(options().redactColumns(), options().redactIf().orElse(null), options().maxValueLength());
        this.sink = options().sink().orElse(null);
        this.logger = sink == null ? options().logger() : null;
    }

    /** A query log with these options. */
    public static QueryLog of(QueryLogOptions options) {
        return new QueryLog(options);
    }

    /** A query log with the default options. */
    public static QueryLog defaults() {
        return new QueryLog(QueryLogOptions.defaults());
    }

    @Override
    public void register(PluginRoles roles) {
        roles.statementObserver(new StatementObserver() {
            @Override
            public void afterStatement(StatementEvent event) {
                log(event);
            }
        });
    }

    private void log(StatementEvent event) {
        RuntimeException failure = event.failure().orElse(null);
        boolean slow = event.elapsed().compareTo(options().slowThreshold()) >= 0;
        LogEntry.Outcome outcome = failure != null ? LogEntry.Outcome.FAILED : slow ? LogEntry.Outcome.SLOW : LogEntry.Outcome.OK;
        if (outcome == LogEntry.Outcome.OK && options().slowAndFailedOnly()) {
            return;
        }
        Level level = switch (outcome) {
            case OK -> options().level();
            case SLOW -> options().slowLevel();
            case FAILED -> options().failureLevel();
        };
        if (logger != null && !logger.isLoggable(level)) {
            return;
        }
        LogEntry entry = entry(event, level, outcome, failure);
        if (sink != null) {
            sink.accept(entry);
        } else if (failure != null) {
            logger.log(level, entry.message(), failure);
        } else {
            logger.log(level, entry.message());
        }
    }

    private LogEntry entry(StatementEvent event, Level level, LogEntry.Outcome outcome, RuntimeException failure) {
        SQLDialect dialect = event.context().dialect();
        boolean formatted = options().style() == SqlStyle.FORMATTED;
        List<String> sql = event.sql().stream()
                .map(s -> formatted ? SqlFormatter.format(s, dialect) : SqlFormatter.oneLine(s, dialect)).toList();
        List<List<String>> binds = new ArrayList<>();
        int omitted = 0;
        if (options().logBinds() && event.binds().stream().anyMatch(row -> !row.isEmpty())) {
            List<String> columns = renderer.needsColumns() && event.sql().size() == 1
                    ? BindColumns.of(event.sql().getFirst(), dialect) : List.of();
            List<List<Object>> rows = event.binds();
            int shown = Math.min(rows.size(), options().maxBatchRows());
            for (int i = 0; i < shown; i++) {
                binds.add(renderer.row(rows.get(i), columns));
            }
            omitted = rows.size() - shown;
        }
        OptionalLong transaction = event.transaction().map(TransactionHandle::id).map(OptionalLong::of).orElse(OptionalLong.empty());
        Optional<String> code = Optional.ofNullable(failure)
                .map(f -> f instanceof KyseraException kysera ? kysera.code() : f.getClass().getName());
        return new LogEntry(level, outcome, sql, binds, omitted, event.batch(), event.elapsed(), event.rowCounts(),
                changedBy(event), transaction, code, Optional.ofNullable(failure), formatted);
    }

    /** The plugins that changed any statement of the execution, in order, each once. */
    private static List<String> changedBy(StatementEvent event) {
        if (event.plans().size() == 1) {
            return event.plan().changedBy();
        }
        return event.plans().stream().flatMap(plan -> plan.changedBy().stream()).distinct().toList();
    }
}
