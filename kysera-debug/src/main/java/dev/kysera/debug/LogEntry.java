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
 * redacted and capped; {@link #message()} is the text written to the logger.
 *
 * @param level       the level it is logged at
 * @param outcome     ok, slow or failed
 * @param sql         the SQL that ran, one-line or formatted (one element per statement of a batch of different statements)
 * @param binds       every executed row's bind values, rendered ({@code NULL}, {@code 'text'}, {@code <redacted>}); empty when binds are not logged
 * @param omittedRows batch rows beyond the cap, not in {@link #binds()}
 * @param batch       whether it ran as a JDBC batch
 * @param elapsed     time spent in the database
 * @param rowCounts   rows returned or affected, per executed row
 * @param changedBy   the plugins that changed or judged the statement
 * @param transaction the id of the executor transaction it ran in
 * @param errorCode   the failure's stable Kysera code (or exception class name, if untranslated)
 * @param failure     why it failed
 * @param formatted   whether {@link #sql()} is formatted over several lines
 */
public record LogEntry(Level level, Outcome outcome, List<String> sql, List<List<String>> binds, int omittedRows, boolean batch,
                       Duration elapsed, List<Long> rowCounts, List<String> changedBy, OptionalLong transaction,
                       Optional<String> errorCode, Optional<RuntimeException> failure, boolean formatted) {

    /** How a statement ended, as the log sees it. */
    public enum Outcome { OK, SLOW, FAILED }

    public LogEntry {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(outcome, "outcome");
        sql = List.copyOf(sql);
        binds = binds.stream().map(List::copyOf).toList();
        rowCounts = List.copyOf(rowCounts);
        changedBy = List.copyOf(changedBy);
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(failure, "failure");
    }

    /** The rows returned or affected, summed. */
    public long rows() {
        return rowCounts.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The logged text, e.g.
     * {@code query 0.412 ms, 1 row, tx 3, changed by [soft-delete]: select … -- binds: [42, 'ann']}, or
     * {@code query failed [UNIQUE_VIOLATION] 0.521 ms, tx 3: insert … -- binds: […] -- <message>}.
     */
    public String message() {
        StringBuilder out = new StringBuilder(128);
        out.append(switch (outcome) {
            case OK -> batch ? "batch" : "query";
            case SLOW -> batch ? "slow batch" : "slow query";
            case FAILED -> (batch ? "batch" : "query") + " failed [" + errorCode.orElse("?") + "]";
        });
        out.append(' ').append(String.format(Locale.ROOT, "%.3f ms", elapsed.toNanos() / 1_000_000.0));
        if (outcome != Outcome.FAILED) {
            long rows = rows();
            out.append(", ").append(rows).append(rows == 1 ? " row" : " rows");
        }
        transaction.ifPresent(id -> out.append(", tx ").append(id));
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
        failure.ifPresent(f -> out.append(formatted ? "\n-- " : " -- ").append(f.getMessage()));
        return out.toString();
    }
}
