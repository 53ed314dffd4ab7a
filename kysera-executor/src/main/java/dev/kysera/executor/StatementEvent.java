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

    /**
     * What the statement does.
     *
     * @return the plan (for a batch of different statements, the first one's; an opaque plan for a
     *         statement refused while it was planned)
     */
    StatementPlan plan();

    /**
     * The plans of every statement of a batch of different statements.
     *
     * @return one plan per statement; one element for anything else
     */
    List<StatementPlan> plans();

    /**
     * The SQL sent to the database, as rewritten by the plugins.
     *
     * @return one string per statement of a batch of different statements; one element otherwise
     */
    List<String> sql();

    /**
     * Whether this is a JDBC batch.
     *
     * @return true for {@code batch(…)} executions, of one statement with several bind rows or of several statements
     */
    boolean batch();

    /**
     * The bind values as sent, one list per executed row: one element for a single statement, one
     * per {@code bind(…)} for {@code batch(query).bind(…)}. Empty lists for statements without binds.
     *
     * @return the bind values, immutable
     */
    List<List<Object>> binds();

    /**
     * Rows affected per executed row, as the driver reported them (a batch may report JDBC's
     * {@code SUCCESS_NO_INFO}, -2); for a query, the rows it fetched when jOOQ fetched them all.
     *
     * @return one count per executed row (one element for a single statement); empty before
     *         execution, for refused statements, and when the driver reported no count (a lazily fetched query)
     */
    List<Long> rowCounts();

    /**
     * The total of {@link #rowCounts()}.
     *
     * @return the sum; 0 before execution
     */
    default long affectedRows() {
        return rowCounts().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The rows the write was about to touch, read in its transaction before it ran.
     *
     * @return the rows, or empty when no observer {@linkplain StatementObserver#wantsPreImage asked}
     */
    Optional<Result<Record>> preImage();

    /**
     * The values the database generated for the columns observers asked for with
     * {@link StatementObserver#generatedKeys}, as the JDBC driver reports them
     * ({@code getGeneratedKeys()}), after the statement ran: one row per inserted row on PostgreSQL
     * and H2, and for each batch row on MariaDB; only the first row's key for a multi-row INSERT
     * on MariaDB and the last one on SQLite (and none for a batch on SQLite). Empty when nobody
     * asked, before execution, and for statements with RETURNING.
     *
     * @return the generated keys, or empty
     */
    default Optional<Result<Record>> generatedKeys() {
        return Optional.empty();
    }

    /**
     * Whether the statement was prepared to return the rows it changes
     * ({@link StatementObserver#wantsChangedRows}); known before it runs.
     *
     * @return true if {@link #changedRows()} is filled once it ran
     */
    default boolean returnsChangedRows() {
        return false;
    }

    /**
     * Every column of the rows the statement inserted, updated (as they are now) or deleted (as
     * they were), as the driver returned them with the statement
     * ({@link StatementObserver#wantsChangedRows}), typed from the result's metadata. Empty
     * unless {@link #returnsChangedRows()}, and before execution.
     *
     * @return the changed rows, or empty
     */
    default Optional<Result<Record>> changedRows() {
        return Optional.empty();
    }

    /**
     * The rows a statement with RETURNING (or jOOQ's emulation of it, such as H2's
     * {@code SELECT … FROM FINAL TABLE}) returned, as jOOQ read them; empty for other statements,
     * before execution, and on SQLite, where jOOQ emulates RETURNING with a query of its own after
     * the statement.
     *
     * @return the returned rows, or empty
     */
    default Optional<Result<Record>> returnedRows() {
        return Optional.empty();
    }

    /**
     * How long the database took.
     *
     * @return the execution time; zero before execution and for statements refused while planned
     */
    Duration elapsed();

    /**
     * Why the statement failed, as the caller will see it: translated to Kysera's exceptions unless
     * the executor was built with {@code translateErrors(false)}.
     *
     * @return the failure, refusals included; empty on success and before execution
     */
    Optional<RuntimeException> failure();

    /**
     * Every row image the statement writes, as in {@link StatementPlan#writes()} but with values
     * bound only at execution ({@code batch(query).bind(…)}) resolved, one image per batch row.
     *
     * @return the written row images; empty for statements that write nothing
     */
    List<RowWrite> writtenRows();

    /**
     * A jOOQ context on the statement's own connection (so in its transaction), without any of the
     * executor's plugins: for observers that must write in the same transaction, such as an audit
     * log. Only valid during the callback.
     *
     * @return a plugin-free context on the statement's connection
     */
    DSLContext dsl();

    /**
     * The executor context the statement ran with.
     *
     * @return the attributes, dialect and transaction of the executor the statement ran through
     */
    PluginContext context();

    /**
     * The transaction the statement ran in.
     *
     * @return its handle, or empty outside a transaction of the executor
     */
    Optional<TransactionHandle> transaction();
}
