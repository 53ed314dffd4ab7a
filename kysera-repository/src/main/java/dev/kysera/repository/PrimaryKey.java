package dev.kysera.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * A table's primary key: how to match an id in SQL and how to read it from a row. Single columns
 * of any type (identity numbers, UUIDs, strings) and composite keys (an id record of several
 * columns) are supported.
 *
 * @param <ID> the id type
 */
public interface PrimaryKey<ID> {

    /**
     * The key's columns.
     *
     * @return the columns, in key order; one for a single-column key
     */
    List<Field<?>> fields();

    /**
     * A condition matching the row with this id.
     *
     * @param id the id
     * @return the condition
     * @throws NullPointerException if {@code id} is null
     */
    Condition matches(ID id);

    /**
     * The id of a fetched row.
     *
     * @param row a row that holds the key's columns
     * @return the id
     */
    ID read(Record row);

    /**
     * A condition matching any of these ids; FALSE for none.
     *
     * @param ids the ids
     * @return the condition; a single-column key renders one {@code IN} list
     * @throws NullPointerException if an id is null (composite keys; a single-column key binds it)
     */
    default Condition matchesAny(Collection<? extends ID> ids) {
        if (ids.isEmpty()) {
            return DSL.falseCondition();
        }
        List<Condition> each = new ArrayList<>(ids.size());
        ids.forEach(id -> each.add(matches(id)));
        return DSL.or(each);
    }

    /**
     * A single-column key.
     *
     * @param column the key column
     * @param <ID>   the column's type
     * @return the key
     * @throws NullPointerException if {@code column} is null
     */
    static <ID> PrimaryKey<ID> of(Field<ID> column) {
        Objects.requireNonNull(column, "column");
        return new PrimaryKey<>() {
            @Override
            public List<Field<?>> fields() {
                return List.of(column);
            }

            @Override
            public Condition matches(ID id) {
                return column.eq(Objects.requireNonNull(id, "id"));
            }

            @Override
            public ID read(Record row) {
                return row.get(column);
            }

            @Override
            public Condition matchesAny(Collection<? extends ID> ids) {
                return ids.isEmpty() ? DSL.falseCondition() : column.in(ids);
            }
        };
    }

    /**
     * A composite key, e.g. for {@code record PostTagId(long postId, long tagId)}:
     * {@code PrimaryKey.composite(r -> new PostTagId(r.get(POST_TAGS.POST_ID), r.get(POST_TAGS.TAG_ID)),
     * id -> POST_TAGS.POST_ID.eq(id.postId()).and(POST_TAGS.TAG_ID.eq(id.tagId())), POST_TAGS.POST_ID, POST_TAGS.TAG_ID)}.
     *
     * @param reader  builds the id from a row
     * @param matcher the condition matching one id
     * @param columns the key's columns, at least two
     * @param <ID>    the id type
     * @return the key
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if fewer than two columns are given
     */
    static <ID> PrimaryKey<ID> composite(Function<Record, ID> reader, Function<ID, Condition> matcher, Field<?>... columns) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(matcher, "matcher");
        List<Field<?>> fields = List.of(columns);
        if (fields.size() < 2) {
            throw new IllegalArgumentException("A composite key needs at least two columns");
        }
        return new PrimaryKey<>() {
            @Override
            public List<Field<?>> fields() {
                return fields;
            }

            @Override
            public Condition matches(ID id) {
                return matcher.apply(Objects.requireNonNull(id, "id"));
            }

            @Override
            public ID read(Record row) {
                return reader.apply(row);
            }
        };
    }
}
