package dev.kysera.core.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.SortField;

/**
 * The total order a keyset (cursor) page walks: one or more {@link SortKey}s, each with its own
 * direction and NULL placement.
 *
 * <p><b>The keys together must identify a row.</b> End the list with a unique, non-null key (the
 * primary key, e.g. {@code SortKey.asc(ID).notNull()}); otherwise rows that tie on every key can be
 * skipped or repeated at page boundaries. Kysera cannot check uniqueness against the database, so
 * this is the caller's contract.
 *
 * @param keys the keys, most significant first; non-empty, names unique
 */
public record Sort(List<SortKey<?>> keys) {

    /**
     * Copies and checks the keys.
     *
     * @throws NullPointerException     if the list or a key is null
     * @throws IllegalArgumentException if the list is empty, has more than 32 keys, or two keys
     *                                  share a name
     */
    public Sort {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a sort needs at least one key");
        }
        if (keys.size() > 32) {
            throw new IllegalArgumentException("a sort may have at most 32 keys");
        }
        Set<String> names = new HashSet<>();
        for (SortKey<?> key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("duplicate sort key name '" + key.name() + "'");
            }
        }
    }

    /**
     * A sort over the given keys, most significant first.
     *
     * @param keys the keys, not null
     * @return the sort
     * @throws NullPointerException if {@code keys} or one of them is null
     * @throws IllegalArgumentException if there is no key, more than 32, or two share a name
     */
    public static Sort by(SortKey<?>... keys) {
        return new Sort(List.of(keys));
    }

    /**
     * A sort converted from jOOQ sort fields, see {@link SortKey#of(SortField)}.
     *
     * @param sortFields the ORDER BY terms, most significant first, not null
     * @return the sort
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if there is no term, more than 32, two share a field name, or a
     *         field's type cannot be carried by a cursor
     */
    public static Sort of(List<? extends SortField<?>> sortFields) {
        List<SortKey<?>> keys = new ArrayList<>(sortFields.size());
        for (SortField<?> sortField : sortFields) {
            keys.add(SortKey.of(sortField));
        }
        return new Sort(keys);
    }

    /**
     * This sort with one more, less significant key appended (typically the unique id).
     *
     * @param key the key to append, not null
     * @return a new sort
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if the key's name is already used or the sort would exceed 32 keys
     */
    public Sort then(SortKey<?> key) {
        List<SortKey<?>> extended = new ArrayList<>(keys);
        extended.add(key);
        return new Sort(extended);
    }

    /**
     * The same keys with every direction and NULL placement flipped (used to page backwards).
     *
     * @return a new sort
     */
    public Sort reversed() {
        return new Sort(keys.stream().<SortKey<?>>map(SortKey::reversed).toList());
    }

    /**
     * The ORDER BY terms, see {@link SortKey#toSortField()}.
     *
     * @return the terms, most significant first, unmodifiable
     */
    public List<SortField<?>> toSortFields() {
        return keys.stream().<SortField<?>>map(SortKey::toSortField).toList();
    }
}
