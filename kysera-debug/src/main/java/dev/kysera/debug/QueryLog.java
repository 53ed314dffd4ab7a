package dev.kysera.debug;

import dev.kysera.core.error.KyseraException;
import dev.kysera.debug.internal.BindColumns;
import dev.kysera.debug.internal.BindRenderer;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jooq.SQLDialect;

/**
 * Logs every statement and batch that runs through an executor, as it ran: the SQL after plugins
 * changed it (its literals replaced by {@code ?} unless configured otherwise), each executed row's
 * bind values (redacted and capped, if enabled), the time the database took, the rows, the
 * plugins that changed the statement and the transaction. Slow statements and failures (with
 * their Kysera error code) get their own levels; a statement that fails while it is prepared or
 * is refused before it is sent is logged as a failure, with no duration. Transactions and
 * savepoints are logged when they begin, commit and roll back ({@link TransactionLogEntry}).
 * Rendering a query ({@code toString()}, {@code getSQL()}) logs nothing: observers only run when
 * a statement executes.
 *
 * <p>Entries go to {@code System.Logger} (so SLF4J or Log4j pick them up through their platform
 * logging bridge) or to {@link QueryLogOptions.Builder#sink(Consumer) sinks}. With the logger,
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
    private final Consumer<TransactionLogEntry> transactionSink;
    private final Logger logger;
    /** When each open transaction or savepoint that is logged began (System.nanoTime); an entry lives until it ends. */
    private final Map<TransactionHandle, Long> began = new ConcurrentHashMap<>();

    private QueryLog(QueryLogOptions options) {
        super(options, options.name());
        this.renderer = new BindRenderer(options().redactColumns(), options().redactIf().orElse(null), options().maxValueLength());
        this.sink = options().sink().orElse(null);
        this.transactionSink = options().transactionSink().orElse(null);
        this.logger = options().logger();
    }

    /**
     * A query log with these options.
     *
     * @param options what to log and where
     * @return the query log, to register with an executor
     * @throws NullPointerException if {@code options} is null
     */
    public static QueryLog of(QueryLogOptions options) {
        return new QueryLog(options);
    }

    /**
     * A query log with the default options.
     *
     * @return the query log, to register with an executor
     */
    public static QueryLog defaults() {
        return new QueryLog(QueryLogOptions.defaults());
    }

    @Override
    public void register(PluginRoles roles) {
        roles.statementObserver(new StatementObserver() {
            @Override
            public boolean readsPlans() {
                return sink != null; // a sink gets every entry; the logger only those of enabled levels
            }

            @Override
            public void afterStatement(StatementEvent event) {
                log(event);
            }
        });
        if (options().transactionLevel() != Level.OFF) {
            roles.transactionObserver(new TransactionObserver() {
                @Override
                public void afterBegin(TransactionHandle transaction) {
                    begun(transaction);
                }

                @Override
                public void afterCommit(TransactionHandle transaction) {
                    ended(transaction, TransactionLogEntry.Event.COMMIT, null);
                }

                @Override
                public void afterRollback(TransactionHandle transaction, Throwable cause) {
                    ended(transaction, TransactionLogEntry.Event.ROLLBACK, cause);
                }
            });
        }
    }

    private boolean transactionsLogged() {
        return transactionSink != null || logger.isLoggable(options().transactionLevel());
    }

    private void begun(TransactionHandle transaction) {
        if (!transactionsLogged()) {
            return;
        }
        began.put(transaction, System.nanoTime());
        write(transaction, TransactionLogEntry.Event.BEGIN, Duration.ZERO, null);
    }

    private void ended(TransactionHandle transaction, TransactionLogEntry.Event event, Throwable cause) {
        Long start = began.remove(transaction);
        if (start == null) {
            return; // its begin was not logged: the level was off then
        }
        write(transaction, event, Duration.ofNanos(System.nanoTime() - start), cause);
    }

    private void write(TransactionHandle transaction, TransactionLogEntry.Event event, Duration elapsed, Throwable cause) {
        Level level = options().transactionLevel();
        TransactionLogEntry entry = new TransactionLogEntry(level, event, transaction.id(), transaction.depth(),
                transaction.isolation().orElse(null), transaction.readOnly(), transaction.external(), elapsed,
                cause == null ? null : errorCode(cause), cause);
        if (transactionSink != null) {
            transactionSink.accept(entry);
        } else if (logger.isLoggable(level)) {
            logger.log(level, entry.message());
        }
    }

    /** The stable Kysera code of a failure, else its class name. */
    private static String errorCode(Throwable failure) {
        return failure instanceof KyseraException kysera ? kysera.code() : failure.getClass().getName();
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
        // OFF is a level no logger should be asked about: JUL, for one, would print "OFF: …"
        if (level == Level.OFF || sink == null && !logger.isLoggable(level)) {
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
                .map(s -> options().sanitizeLiterals() ? SqlSanitizer.sanitize(s, dialect) : s)
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
        Long transaction = event.transaction().map(TransactionHandle::id).orElse(null);
        return new LogEntry(level, outcome, sql, binds, omitted, event.batch(), event.elapsed(), event.rowCounts(),
                changedBy(event), transaction, failure == null ? null : errorCode(failure), failure, formatted);
    }

    /** The plugins that changed any statement of the execution, in order, each once. */
    private static List<String> changedBy(StatementEvent event) {
        if (event.plans().size() == 1) {
            return event.plan().changedBy();
        }
        return event.plans().stream().flatMap(plan -> plan.changedBy().stream()).distinct().toList();
    }
}
