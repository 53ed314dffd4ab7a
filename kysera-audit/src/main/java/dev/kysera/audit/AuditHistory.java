package dev.kysera.audit;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.BypassToken;
import dev.kysera.repository.Repository;
import java.util.List;
import org.jooq.Record;

/**
 * The audit history of one repository's rows, from {@code repository.extension(audit.history())}:
 * reads go through the repository's executor (so the history of a row is as visible as the row,
 * see {@link AuditLog}) and restores are written through it, with all its plugins. Thread-safe.
 *
 * <p>Ids become key values as the repository's key has them: a single-column key takes the id
 * itself; a composite key takes an id that is a jOOQ {@link Record} (its values, in key order) or
 * a {@link List} of the values.
 *
 * @param <T>  the repository's row type
 * @param <ID> the repository's id type
 */
public final class AuditHistory<T, ID> {

    private final Repository<T, ID, ?, ?> repository;
    private final AuditLog log;
    private final AuditedTable table;

    AuditHistory(Repository<T, ID, ?, ?> repository, AuditLog log, AuditedTable table) {
        this.repository = repository;
        this.log = log;
        this.table = table;
    }

    /**
     * The same history reading every entry, also of rows that no longer exist (to restore a deleted row).
     *
     * @param token the audit plugin's {@link AuditPlugin#bypassToken()}
     * @return a history that filters no entry out
     * @throws IllegalArgumentException if the token is not the audit plugin's
     */
    public AuditHistory<T, ID> everyEntry(BypassToken token) {
        return new AuditHistory<>(repository, log.everyEntry(token), table);
    }

    /**
     * Every entry of the row with this id, oldest first.
     *
     * @param id the row's id
     * @return the row's entries; empty if the repository cannot see the row
     * @throws IllegalArgumentException if the id does not fit the key
     */
    public List<AuditEntry> of(ID id) {
        return log.history(table.name(), keyValues(id).toArray());
    }

    /**
     * Searches the history of this repository's table.
     *
     * @param query the criteria and the page; its table is replaced by this repository's
     * @return the matching entries, in write order
     * @throws IllegalArgumentException if the query's key has the wrong arity
     */
    public List<AuditEntry> find(AuditQuery query) {
        return log.find(query.key() == null ? query.table(table.name()) : query.row(table.name(), query.key().toArray()));
    }

    /**
     * Searches the history of one row.
     *
     * @param id    the row's id
     * @param query the other criteria (operation, user, time, page); its table and key are replaced
     * @return the matching entries, in write order
     * @throws IllegalArgumentException if the id does not fit the key
     */
    public List<AuditEntry> find(ID id, AuditQuery query) {
        return log.find(query.row(table.name(), keyValues(id).toArray()));
    }

    /**
     * The columns that differ between two versions of one row; see {@link AuditLog#diff(long, long)}.
     *
     * @param fromId the earlier entry's id
     * @param toId   the later entry's id
     * @return one difference per changed column
     * @throws NotFoundException     if an entry does not exist
     * @throws AuditRestoreException if the entries are of different rows
     */
    public List<AuditDiff> diff(long fromId, long toId) {
        return log.diff(fromId, toId);
    }

    /**
     * Puts the row back as it was before entry {@code auditId}, through the repository's executor;
     * see {@link AuditLog#restore(org.jooq.Table, List, long)}.
     *
     * @param id      the row's id
     * @param auditId the entry whose old values are put back
     * @return {@link AuditOperation#UPDATE} or {@link AuditOperation#INSERT} (the row was re-created), and the
     *         restored row as the repository reads it in the same transaction (empty if it cannot see it)
     * @throws NotFoundException     if there is no such entry (or it is not visible)
     * @throws AuditRestoreException if the entry is of another row or table, or records an INSERT
     * @throws IllegalArgumentException if the id does not fit the key
     */
    public AuditRestore<T> restore(ID id, long auditId) {
        List<?> key = keyValues(id);
        // One transaction: the row read back is the one restored, not a later concurrent version.
        return repository.executor().transactionResult(tx -> new AuditRestore<>(
                log.restore(repository.table(), key, auditId).operation(), repository.with(tx).findById(id).orElse(null)));
    }

    private List<?> keyValues(ID id) {
        if (id == null) {
            throw new IllegalArgumentException("The id of " + table.name() + " is null");
        }
        if (table.key().size() == 1) {
            return List.of(id);
        }
        List<?> values = switch (id) {
            case Record record -> List.of(record.intoArray());
            case List<?> list -> list;
            default -> throw new IllegalArgumentException("The composite key " + table.key() + " of " + table.name()
                    + " needs an id that is a jOOQ Record or a List of its values, not " + id.getClass().getName());
        };
        if (values.size() != table.key().size()) {
            throw new IllegalArgumentException("The composite key " + table.key() + " of " + table.name() + " has "
                    + table.key().size() + " columns, not " + values.size() + ": " + values);
        }
        return values;
    }
}
