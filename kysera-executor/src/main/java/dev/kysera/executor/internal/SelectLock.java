package dev.kysera.executor.internal;

import dev.kysera.executor.plan.RowLock;
import java.util.Set;
import org.jooq.Table;

/**
 * The locking clause of one SELECT node, as the executor judges its table occurrences.
 *
 * @param mode  the lock taken; {@link RowLock#NONE} for a plain read
 * @param of    the lower-cased names of the {@code OF} list; empty when every table of the FROM locks
 * @param known false when the executor could not read the clause (a jOOQ it does not know): such a
 *              SELECT counts as locking every table FOR UPDATE, and fail-closed plugins refuse it
 */
record SelectLock(RowLock mode, Set<String> of, boolean known) {

    static final SelectLock NONE = new SelectLock(RowLock.NONE, Set.of(), true);
    static final SelectLock UNKNOWN = new SelectLock(RowLock.UPDATE, Set.of(), false);

    SelectLock {
        of = Set.copyOf(of);
    }

    /** The lock a FROM item takes: the mode if it is in the OF list (or there is none), else none. */
    RowLock on(Table<?> table) {
        return mode == RowLock.NONE || of.isEmpty() || of.contains(WrittenValues.lower(table.getName())) ? mode : RowLock.NONE;
    }

    /** The lock that a derived table covered by this clause passes to the SELECT inside it: every table of it. */
    SelectLock inherited(Table<?> derived) {
        RowLock inner = on(derived);
        return inner == RowLock.NONE ? NONE : new SelectLock(inner, Set.of(), known);
    }
}
