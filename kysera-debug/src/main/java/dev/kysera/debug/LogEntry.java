package dev.kysera.debug;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One statement or batch as the {@link QueryLog} logs it. Bind values are already rendered,
 * redacted and capped; literals in the SQL are replaced by {@code ?} unless the log keeps them;
 * {@link #message()} is the text written to the logger. Immutable.
 */
public final class LogEntry {

    /** How a statement ended, as the log sees it. */
    public enum Outcome {
        /** It ran in less than the slow threshold. */
        OK,
        /** It ran, and took at least the slow threshold. */
        SLOW,
        /** It failed, or was refused before it was sent. */
        FAILED
    }

    private final Level level;
    private final Outcome outcome;
    private final List<String> sql;
    private final List<List<String>> binds;
    private final int omittedRows;
    private final boolean batch;
    private final Duration elapsed;
    private final List<Long> rowCounts;
    private final List<String> changedBy;
    private final Long transaction;
    private final String errorCode;
    private final RuntimeException failure;
    private final boolean formatted;

    /**
     * @param transaction the transaction id, null outside a transaction
     * @param errorCode   null on success
     * @param failure     null on success
     */
    LogEntry(Level level, Outcome outcome, List<String> sql, List<List<String>> binds, int omittedRows, boolean batch,
             Duration elapsed, List<Long> rowCounts, List<String> changedBy, Long transaction, String errorCode,
             RuntimeException failure, boolean formatted) {
        this.level = Objects.requireNonNull(level, "level");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.sql = List.copyOf(sql);
        this.binds = binds.stream().map(List::copyOf).toList();
        this.omittedRows = omittedRows;
        this.batch = batch;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.rowCounts = List.copyOf(rowCounts);
        this.changedBy = List.copyOf(changedBy);
        this.transaction = transaction;
        this.errorCode = errorCode;
        this.failure = failure;
        this.formatted = formatted;
    }

    /**
     * The level it is logged at.
     *
     * @return the level chosen for its outcome
     */
    public Level level() {
        return level;
    }

    /**
     * How the statement ended.
     *
     * @return ok, slow or failed
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The SQL that ran, one-line or formatted, its literals replaced unless the log keeps them.
     *
     * @return one element per statement of a batch of different statements, else one
     */
    public List<String> sql() {
        return sql;
    }

    /**
     * Every executed row's bind values, rendered ({@code NULL}, {@code 'text'}, {@code <redacted>});
     * empty when binds are not logged.
     *
     * @return one list per logged row, immutable
     */
    public List<List<String>> binds() {
        return binds;
    }

    /**
     * Batch rows beyond the cap, not in {@link #binds()}.
     *
     * @return how many rows were left out; 0 when none were
     */
    public int omittedRows() {
        return omittedRows;
    }

    /**
     * Whether it ran as a JDBC batch.
     *
     * @return true for a batch
     */
    public boolean batch() {
        return batch;
    }

    /**
     * The time spent in the database (zero for a statement refused before it was sent).
     *
     * @return the duration
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Rows returned or affected, per executed row; empty when it failed.
     *
     * @return the counts, as the executor reported them
     */
    public List<Long> rowCounts() {
        return rowCounts;
    }

    /**
     * The plugins that changed or judged the statement.
     *
     * @return plugin names in run order, each once
     */
    public List<String> changedBy() {
        return changedBy;
    }

    /**
     * The id of the executor transaction it ran in, if any.
     *
     * @return the {@linkplain dev.kysera.executor.TransactionHandle#id() transaction id}, or empty outside a transaction
     */
    public OptionalLong transaction() {
        return transaction == null ? OptionalLong.empty() : OptionalLong.of(transaction);
    }

    /**
     * The failure's stable Kysera code (or exception class name, if untranslated), if it failed.
     *
     * @return the code, or empty on success
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * Why it failed, as the caller saw it, if it failed.
     *
     * @return the failure, or empty on success
     */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Whether {@link #sql()} is formatted over several lines.
     *
     * @return true for {@link SqlStyle#FORMATTED}
     */
    public boolean formatted() {
        return formatted;
    }

    /**
     * The rows returned or affected, summed.
     *
     * @return the sum of {@link #rowCounts()}
     */
    public long rows() {
        return rowCounts.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The logged text, e.g.
     * {@code query 0.412 ms, 1 row, tx 3, changed by [soft-delete]: select … -- binds: [42, 'ann']}, or
     * {@code query failed [UNIQUE_VIOLATION] 0.521 ms, tx 3: insert … -- binds: […] -- <message>}.
     *
     * @return the message, without a trailing newline
     */
    public String message() {
        StringBuilder out = new StringBuilder(128);
        out.append(switch (outcome) {
            case OK -> batch ? "batch" : "query";
            case SLOW -> batch ? "slow batch" : "slow query";
            case FAILED -> (batch ? "batch" : "query") + " failed [" + errorCode + "]";
        });
        out.append(' ').append(String.format(Locale.ROOT, "%.3f ms", elapsed.toNanos() / 1_000_000.0));
        if (outcome != Outcome.FAILED) {
            long rows = rows();
            out.append(", ").append(rows).append(rows == 1 ? " row" : " rows");
        }
        if (transaction != null) {
            out.append(", tx ").append(transaction);
        }
        if (!changedBy.isEmpty()) {
            out.append(", changed by ").append(changedBy);
        }
        out.append(formatted ? ":\n" : ": ").append(String.join(formatted ? ";\n" : "; ", sql));
        if (!binds.isEmpty()) {
            out.append(formatted ? "\n-- binds: " : " -- binds: ")
                    .append(binds.stream().map(row -> "[" + String.join(", ", row) + "]").collect(Collectors.joining(", ")));
            if (omittedRows > 0) {
                out.append(" … ").append(omittedRows).append(" more rows");
            }
        }
        if (failure != null) {
            out.append(formatted ? "\n-- " : " -- ").append(failure.getMessage());
        }
        return out.toString();
    }

    /** The {@link #message()}. */
    @Override
    public String toString() {
        return message();
    }
}
