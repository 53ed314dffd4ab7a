package dev.kysera.executor;

import java.util.Objects;
import org.jooq.Query;

/**
 * A statement run outside a transaction, as a {@link StatementGuard} sees one attempt of it.
 *
 * @param query      the jOOQ query, or {@code null} for a batch of several or a routine
 * @param read       whether it is a read (a {@code SELECT}, or a plain-SQL result query); writes,
 *                   DDL, batches and routines are not
 * @param startNanos {@link System#nanoTime()} when this attempt began
 */
public record AutocommitStatement(Query query, boolean read, long startNanos) {

    /**
     * The time since this attempt began.
     *
     * @return nanoseconds elapsed since {@link #startNanos()}
     */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public String toString() {
        return "AutocommitStatement[" + (read ? "read" : "not a read") + ", " + Objects.toString(query == null ? null
                : query.getClass().getSimpleName()) + "]";
    }
}
