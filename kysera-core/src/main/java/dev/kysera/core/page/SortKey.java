package dev.kysera.core.page;

import dev.kysera.core.page.internal.CursorCodec;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.QOM;

/**
 * One key of a keyset {@link Sort}: a column (or any field of the select list), its direction and
 * where its NULLs go.
 *
 * <p>The {@code name} identifies the key inside a cursor (a cursor made for other key names,
 * directions or null placements is rejected as foreign); it defaults to the field's unqualified
 * name.
 *
 * <p>The field's Java type must be one a cursor can carry: {@code Long}, {@code Integer},
 * {@code Short}, {@code Byte}, {@code String}, {@code BigDecimal}, {@code BigInteger},
 * {@code Double}, {@code Float}, {@code Boolean}, {@code UUID}, {@code LocalDate},
 * {@code LocalTime}, {@code LocalDateTime}, {@code OffsetDateTime}, {@code Instant} — or
 * {@code Object} for untyped fields, in which case the runtime value must be one of those.
 *
 * @param field     the field to order by; its value must be present in every fetched record
 * @param name      the key's name inside cursors, not blank
 * @param direction ascending or descending
 * @param nulls     where NULLs go, or {@link NullOrder#NOT_NULL} when the column is never NULL
 * @param <T>       the field's type
 */
public record SortKey<T>(Field<T> field, String name, SortDirection direction, NullOrder nulls) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if the name is blank or the field's type cannot be carried by
     *                                  a cursor
     */
    public SortKey {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(nulls, "nulls");
        if (name.isBlank()) {
            throw new IllegalArgumentException("sort key name must not be blank");
        }
        Class<?> type = field.getType();
        if (type != Object.class && !CursorCodec.supports(type)) {
            throw new IllegalArgumentException(
                    "sort key '" + name + "' has type " + type.getName() + ", which a cursor cannot carry");
        }
    }

    /**
     * Ascending, NULLs last, named after the field.
     *
     * @param field the field to order by, not null
     * @param <T> the field's type
     * @return the key
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if the field's type cannot be carried by a cursor
     */
    public static <T> SortKey<T> asc(Field<T> field) {
        return new SortKey<>(field, field.getName(), SortDirection.ASC, NullOrder.NULLS_LAST);
    }

    /**
     * Descending, NULLs first (NULL counts as the largest value), named after the field.
     *
     * @param field the field to order by, not null
     * @param <T> the field's type
     * @return the key
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if the field's type cannot be carried by a cursor
     */
    public static <T> SortKey<T> desc(Field<T> field) {
        return new SortKey<>(field, field.getName(), SortDirection.DESC, NullOrder.NULLS_FIRST);
    }

    /**
     * The given direction with its default NULL placement (NULL counts as the largest value).
     *
     * @param field the field to order by, not null
     * @param direction the direction, not null
     * @param <T> the field's type
     * @return the key
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if the field's type cannot be carried by a cursor
     */
    public static <T> SortKey<T> of(Field<T> field, SortDirection direction) {
        return direction == SortDirection.ASC ? asc(field) : desc(field);
    }

    /**
     * Converts a jOOQ {@link SortField}: {@code DESC} becomes descending, anything else ascending;
     * an explicit {@code NULLS FIRST/LAST} is kept, otherwise the default placement applies.
     *
     * @param sortField the ORDER BY term, not null
     * @param <T> the field's type
     * @return the key, named after the term's field
     * @throws NullPointerException if {@code sortField} is null
     * @throws IllegalArgumentException if the field's type cannot be carried by a cursor
     */
    public static <T> SortKey<T> of(SortField<T> sortField) {
        SortKey<T> key = of(sortField.$field(), sortField.$sortOrder() == SortOrder.DESC ? SortDirection.DESC : SortDirection.ASC);
        QOM.NullOrdering ordering = sortField.$nullOrdering();
        if (ordering == QOM.NullOrdering.NULLS_FIRST) {
            return key.nullsFirst();
        }
        if (ordering == QOM.NullOrdering.NULLS_LAST) {
            return key.nullsLast();
        }
        return key;
    }

    /**
     * This key with NULLs placed first.
     *
     * @return a new key
     */
    public SortKey<T> nullsFirst() {
        return new SortKey<>(field, name, direction, NullOrder.NULLS_FIRST);
    }

    /**
     * This key with NULLs placed last.
     *
     * @return a new key
     */
    public SortKey<T> nullsLast() {
        return new SortKey<>(field, name, direction, NullOrder.NULLS_LAST);
    }

    /**
     * This key declared never NULL; see {@link NullOrder#NOT_NULL}.
     *
     * @return a new key
     */
    public SortKey<T> notNull() {
        return new SortKey<>(field, name, direction, NullOrder.NOT_NULL);
    }

    /**
     * This key under another cursor name.
     *
     * @param newName the name inside cursors, not blank
     * @return a new key
     * @throws NullPointerException if {@code newName} is null
     * @throws IllegalArgumentException if {@code newName} is blank
     */
    public SortKey<T> named(String newName) {
        return new SortKey<>(field, newName, direction, nulls);
    }

    /**
     * The same key walked the other way: direction and NULL placement both flipped.
     *
     * @return a new key
     */
    public SortKey<T> reversed() {
        return new SortKey<>(field, name, direction.reversed(), nulls.reversed());
    }

    /**
     * The ORDER BY term for this key, with explicit NULL placement unless {@link NullOrder#NOT_NULL}.
     *
     * @return the jOOQ sort field
     */
    public SortField<T> toSortField() {
        SortField<T> sortField = direction == SortDirection.ASC ? field.asc() : field.desc();
        return switch (nulls) {
            case NULLS_FIRST -> sortField.nullsFirst();
            case NULLS_LAST -> sortField.nullsLast();
            case NOT_NULL -> sortField;
        };
    }
}
