package dev.kysera.repository;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * What an {@link Repository#upsert(Object, ConflictTarget) upsert} conflicts on: the columns of a
 * unique key, and for a unique <em>partial</em> index (e.g. {@code UNIQUE (email) WHERE deleted_at
 * IS NULL}, the index soft delete recommends) the index's predicate, which PostgreSQL and SQLite
 * need to infer the index: {@code ON CONFLICT (email) WHERE deleted_at IS NULL}. Immutable.
 *
 * <pre>{@code
 * users.upsert(input, ConflictTarget.of(USERS.EMAIL).where(USERS.DELETED_AT.isNull()));
 * }</pre>
 */
public final class ConflictTarget {

    private final List<Field<?>> columns;
    private final Condition indexPredicate;

    private ConflictTarget(List<Field<?>> columns, Condition indexPredicate) {
        this.columns = columns;
        this.indexPredicate = indexPredicate;
    }

    /**
     * The columns of a unique key (or unique index).
     *
     * @param columns the key's columns, as the index names them
     * @return a target without index predicate
     * @throws IllegalArgumentException if no column is given
     * @throws NullPointerException if a column is null
     */
    public static ConflictTarget of(Field<?>... columns) {
        List<Field<?>> list = List.of(columns);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("upsert needs the columns of a unique key to detect the conflict");
        }
        return new ConflictTarget(list, null);
    }

    /**
     * The same columns as the key of a partial unique index with this predicate. Supported where
     * the database has partial indexes and a conflict target with WHERE (PostgreSQL, SQLite);
     * elsewhere the upsert is refused before any SQL.
     *
     * @param predicate the index's WHERE clause, as the index declares it
     * @return a new target; this one is unchanged
     * @throws NullPointerException if {@code predicate} is null
     */
    public ConflictTarget where(Condition predicate) {
        return new ConflictTarget(columns, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * The conflict columns, in order.
     *
     * @return an immutable, non-empty list
     */
    public List<Field<?>> columns() {
        return columns;
    }

    /**
     * The partial index's predicate; empty for a plain unique key.
     *
     * @return the predicate, or empty
     */
    public Optional<Condition> indexPredicate() {
        return Optional.ofNullable(indexPredicate);
    }

    @Override
    public String toString() {
        return "ConflictTarget" + columns.stream().map(Field::getName).toList()
                + (indexPredicate == null ? "" : " where " + indexPredicate);
    }
}
