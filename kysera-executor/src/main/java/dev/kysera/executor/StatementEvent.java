package dev.kysera.executor;

import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.StatementPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/** One execution of a statement or batch, as {@link StatementObserver}s see it. */
public interface StatementEvent {

    /** What the statement does (for a batch of different statements, the first one's plan). */
    StatementPlan plan();

    /** The plans of every statement of a batch of different statements; one element otherwise. */
    List<StatementPlan> plans();

    /** The SQL sent to the database (for a batch of different statements, each one). */
    List<String> sql();

    /** Whether this is a JDBC batch. */
    boolean batch();

    /**
     * The bind values as sent, one list per executed row: one element for a single statement, one
     * per {@code bind(…)} for {@code batch(query).bind(…)}. Empty lists for statements without binds.
     */
    List<List<Object>> binds();

    /** Rows affected per executed row (one element for a single statement); empty before execution. */
    List<Long> rowCounts();

    /** The total of {@link #rowCounts()}. */
    default long affectedRows() {
        return rowCounts().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows the write was about to touch, read in its transaction, if an observer asked. */
    Optional<Result<Record>> preImage();

    /**
     * The values the database generated for the columns observers asked for with
     * {@link StatementObserver#generatedKeys}, as the JDBC driver reports them
     * ({@code getGeneratedKeys()}), after the statement ran: one row per inserted row on PostgreSQL
     * and H2, and for each batch row on MariaDB; only the first row's key for a multi-row INSERT
     * on MariaDB and the last one on SQLite (and none for a batch on SQLite). Empty when nobody
     * asked, before execution, and for statements with RETURNING.
     */
    default Optional<Result<Record>> generatedKeys() {
        return Optional.empty();
    }

    /**
     * The rows a statement with RETURNING (or jOOQ's emulation of it, such as H2's
     * {@code SELECT … FROM FINAL TABLE}) returned, as jOOQ read them; empty for other statements,
     * before execution, and on SQLite, where jOOQ emulates RETURNING with a query of its own after
     * the statement.
     */
    default Optional<Result<Record>> returnedRows() {
        return Optional.empty();
    }

    /** How long the database took; zero before execution. */
    Duration elapsed();

    /** Why the statement failed, as the caller will see it; empty on success and before execution. */
    Optional<RuntimeException> failure();

    /**
     * Every row image the statement writes, as in {@link StatementPlan#writes()} but with values
     * bound only at execution ({@code batch(query).bind(…)}) resolved, one image per batch row.
     */
    List<RowWrite> writtenRows();

    /**
     * A jOOQ context on the statement's own connection (so in its transaction), without any of the
     * executor's plugins: for observers that must write in the same transaction, such as an audit
     * log. Only valid during the callback.
     */
    DSLContext dsl();

    /** The executor context the statement ran with. */
    PluginContext context();

    /** The transaction the statement ran in, if any was begun through the executor. */
    Optional<TransactionHandle> transaction();
}
