package dev.kysera.core.page.internal;

import dev.kysera.core.page.NullOrder;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortDirection;
import dev.kysera.core.page.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Builds keyset seek predicates. Not API.
 *
 * <p>For keys k1..kn with boundary values v1..vn, "the row comes after the boundary" is the OR over
 * i of (k1 = v1 AND … AND k(i-1) = v(i-1) AND ki after vi), where "=" and "after" are NULL-aware:
 * equality on a NULL boundary is {@code IS NULL}, and "after" follows the key's direction and NULL
 * placement (e.g. ascending with NULLs last: after a value means {@code > v OR IS NULL}; after NULL
 * means nothing). This expanded form works on every database and for mixed directions. When every
 * key is declared NOT_NULL and all directions agree, a row-value comparison
 * {@code (k1, …, kn) > (v1, …, vn)} is used instead (jOOQ emulates it where unsupported).
 */
public final class Seek {

    private Seek() {
    }

    /**
     * The rows strictly after (or, if inclusive, at or after) the boundary in the order of the
     * given sort. To page backwards pass the {@link Sort#reversed() reversed} sort.
     */
    public static Condition after(Sort sort, List<Object> boundary, boolean inclusive) {
        List<SortKey<?>> keys = sort.keys();
        if (allNotNullSameDirection(keys)) {
            return rowComparison(keys, boundary, inclusive);
        }
        List<Condition> alternatives = new ArrayList<>();
        List<Condition> equalPrefix = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            boolean last = i == keys.size() - 1;
            Condition after = inclusive && last
                    ? atOrAfter(keys.get(i), boundary.get(i))
                    : strictlyAfter(keys.get(i), boundary.get(i));
            if (after != null) {
                List<Condition> conjunction = new ArrayList<>(equalPrefix);
                conjunction.add(after);
                alternatives.add(DSL.and(conjunction));
            }
            equalPrefix.add(equal(keys.get(i), boundary.get(i)));
        }
        if (alternatives.isEmpty()) {
            return DSL.falseCondition();
        }
        Condition expanded = DSL.or(alternatives);
        // A redundant bound on the leading key lets an index on it narrow the scan.
        SortKey<?> first = keys.get(0);
        if (first.nulls() == NullOrder.NOT_NULL && keys.size() > 1) {
            return DSL.and(compare(first, boundary.get(0), true), expanded);
        }
        return expanded;
    }

    private static boolean allNotNullSameDirection(List<SortKey<?>> keys) {
        SortDirection direction = keys.get(0).direction();
        return keys.size() > 1 && keys.stream().allMatch(k -> k.nulls() == NullOrder.NOT_NULL && k.direction() == direction);
    }

    private static Condition rowComparison(List<SortKey<?>> keys, List<Object> boundary, boolean inclusive) {
        List<Field<?>> fields = new ArrayList<>();
        List<Field<?>> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            fields.add(keys.get(i).field());
            values.add(value(keys.get(i).field(), boundary.get(i)));
        }
        boolean ascending = keys.get(0).direction() == SortDirection.ASC;
        var left = DSL.row(fields);
        var right = DSL.row(values);
        if (ascending) {
            return inclusive ? left.ge(right) : left.gt(right);
        }
        return inclusive ? left.le(right) : left.lt(right);
    }

    /** {@code null} means "no row is strictly after this boundary on this key". */
    private static Condition strictlyAfter(SortKey<?> key, Object value) {
        Field<?> field = key.field();
        return switch (key.nulls()) {
            case NOT_NULL -> compare(key, value, false);
            case NULLS_FIRST -> value == null ? field.isNotNull() : compare(key, value, false);
            case NULLS_LAST -> value == null ? null : DSL.or(compare(key, value, false), field.isNull());
        };
    }

    /** The boundary value itself or anything after it, on one key. */
    private static Condition atOrAfter(SortKey<?> key, Object value) {
        Field<?> field = key.field();
        return switch (key.nulls()) {
            case NOT_NULL -> compare(key, value, true);
            case NULLS_FIRST -> value == null ? DSL.trueCondition() : compare(key, value, true);
            case NULLS_LAST -> value == null ? field.isNull() : DSL.or(compare(key, value, true), field.isNull());
        };
    }

    private static Condition equal(SortKey<?> key, Object value) {
        return value == null ? key.field().isNull() : eq(key.field(), value);
    }

    private static <T> Condition eq(Field<T> field, Object value) {
        return field.eq(value(field, value));
    }

    private static Condition compare(SortKey<?> key, Object value, boolean orEqual) {
        return compare(key.field(), value, key.direction() == SortDirection.ASC, orEqual);
    }

    private static <T> Condition compare(Field<T> field, Object value, boolean greater, boolean orEqual) {
        Field<T> bound = value(field, value);
        if (greater) {
            return orEqual ? field.ge(bound) : field.gt(bound);
        }
        return orEqual ? field.le(bound) : field.lt(bound);
    }

    private static <T> Field<T> value(Field<T> field, Object value) {
        return DSL.val(value, field);
    }
}
