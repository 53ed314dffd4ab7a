package dev.kysera.debug;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Isolation;

/**
 * One transaction or savepoint event as the {@link QueryLog} logs it: begin, commit (a savepoint's
 * release) or rollback, with the isolation level and read-only mode the transaction was begun
 * with. {@link #message()} is the text written to the logger, e.g.
 * {@code begin tx 3, isolation serializable, read-only}, {@code begin savepoint 1 of tx 3},
 * {@code rollback savepoint 1 of tx 3 after 0.845 ms [UNIQUE_VIOLATION] -- <message>},
 * {@code commit tx 3 after 2.310 ms}. Immutable.
 */
public final class TransactionLogEntry {

    /** What happened to the transaction or savepoint. */
    public enum Event {
        /** It began. */
        BEGIN,
        /** It committed (a savepoint: was released). */
        COMMIT,
        /** It rolled back. */
        ROLLBACK
    }

    private final Level level;
    private final Event event;
    private final long transaction;
    private final int depth;
    private final Isolation isolation;
    private final boolean readOnly;
    private final boolean external;
    private final Duration elapsed;
    private final String errorCode;
    private final Throwable failure;

    /**
     * @param isolation null for the connection's default (or unknown, when {@code external})
     * @param errorCode null unless rolled back because of a failure
     * @param failure   null unless rolled back because of a failure
     */
    TransactionLogEntry(Level level, Event event, long transaction, int depth, Isolation isolation, boolean readOnly, boolean external,
                        Duration elapsed, String errorCode, Throwable failure) {
        this.level = Objects.requireNonNull(level, "level");
        this.event = Objects.requireNonNull(event, "event");
        this.transaction = transaction;
        this.depth = depth;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.external = external;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.errorCode = errorCode;
        this.failure = failure;
    }

    /**
     * The level it is logged at.
     *
     * @return the configured transaction level
     */
    public Level level() {
        return level;
    }

    /**
     * Begin, commit or rollback.
     *
     * @return what happened
     */
    public Event event() {
        return event;
    }

    /**
     * The executor's id of the (outermost) transaction; a savepoint has its transaction's id.
     *
     * @return the {@linkplain dev.kysera.executor.TransactionHandle#id() transaction id}
     */
    public long transaction() {
        return transaction;
    }

    /**
     * How deeply the transaction or savepoint is nested.
     *
     * @return 0 for the transaction, 1 for a savepoint in it, and so on
     */
    public int depth() {
        return depth;
    }

    /**
     * Whether this is about a savepoint (a nested transaction).
     *
     * @return true when {@link #depth()} is above 0
     */
    public boolean savepoint() {
        return depth > 0;
    }

    /**
     * The isolation level the transaction was begun with; empty for the connection's default and for adopted transactions.
     *
     * @return the level, or empty
     */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /**
     * Whether the transaction was begun read-only (false for adopted transactions: see {@link #external()}).
     *
     * @return true if begun read-only
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Whether someone else began the transaction and the executor adopted it: isolation and read-only are then unknown.
     *
     * @return true for an adopted transaction
     */
    public boolean external() {
        return external;
    }

    /**
     * From begin to this commit or rollback; zero for {@link Event#BEGIN}.
     *
     * @return the duration
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * The Kysera error code (else the class name) of what caused a rollback, if one was given.
     *
     * @return the code, or empty for a commit, a begin, or a rollback without a cause
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * What caused a rollback, if anything was given.
     *
     * @return the cause, or empty
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The logged text (see the class description).
     *
     * @return the message
     */
    public String message() {
        StringBuilder out = new StringBuilder(64);
        out.append(switch (event) {
            case BEGIN -> "begin";
            case COMMIT -> savepoint() ? "release" : "commit";
            case ROLLBACK -> "rollback";
        });
        out.append(' ');
        if (savepoint()) {
            out.append("savepoint ").append(depth).append(" of ");
        }
        out.append("tx ").append(transaction);
        if (event == Event.BEGIN && !savepoint()) {
            if (external) {
                out.append(", adopted");
            } else {
                out.append(", isolation ").append(isolation == null ? "default" : isolation.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(readOnly ? ", read-only" : ", read-write");
            }
        }
        if (event != Event.BEGIN) {
            out.append(String.format(Locale.ROOT, " after %.3f ms", elapsed.toNanos() / 1_000_000.0));
        }
        if (errorCode != null) {
            out.append(" [").append(errorCode).append(']');
        }
        if (failure != null) {
            out.append(" -- ").append(failure.getMessage());
        }
        return out.toString();
    }

    /** The {@link #message()}. */
    @Override
    public String toString() {
        return message();
    }
}
