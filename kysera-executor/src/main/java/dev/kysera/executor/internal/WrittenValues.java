package dev.kysera.executor.internal;

import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.WrittenValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Param;
import org.jooq.Record1;
import org.jooq.Row;
import org.jooq.Select;
import org.jooq.impl.DSL;

/** Classifies the values a statement writes, for post-images. */
final class WrittenValues {

    private WrittenValues() {
    }

    /**
     * What is known of a written expression. In a single-statement batch a bind value is only a
     * placeholder until execution.
     */
    static WrittenValue of(Field<?> value, boolean boundAtExecution) {
        if (value instanceof Param<?> param) {
            return boundAtExecution && !param.isInline() ? new WrittenValue.BoundAtExecution(param) : new WrittenValue.Constant(param.getValue());
        }
        return new WrittenValue.Computed(value);
    }

    /** The post-image of one INSERT row: columns zipped with values. */
    static PostImage row(List<? extends Field<?>> columns, List<? extends Field<?>> values, boolean boundAtExecution) {
        Map<String, WrittenValue> image = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < values.size(); i++) {
            image.put(lower(columns.get(i).getName()), of(values.get(i), boundAtExecution));
        }
        return new PostImage(image);
    }

    /**
     * The post-image of an UPDATE's SET: row-valued assignments are split per column where the
     * value is a row, and opaque where it is a subquery.
     */
    static PostImage set(Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> set, boolean boundAtExecution) {
        Map<String, WrittenValue> image = new LinkedHashMap<>();
        set.forEach((key, value) -> {
            if (key instanceof Field<?> column) {
                image.put(lower(column.getName()), value instanceof Select<?> select
                        ? new WrittenValue.Computed(scalar(select))
                        : value instanceof Field<?> field ? of(field, boundAtExecution)
                        : new WrittenValue.Opaque("a row assigned to one column"));
            } else if (key instanceof Row row) {
                for (int i = 0; i < row.size(); i++) {
                    image.put(lower(row.field(i).getName()), value instanceof Row values && i < values.size()
                            ? of(values.field(i), boundAtExecution)
                            : new WrittenValue.Opaque("one column of a row-valued SET from a subquery"));
                }
            }
        });
        return new PostImage(image);
    }

    /** Splits {@code SET (a, b) = (x, y)} into {@code a = x, b = y}, which means the same; other entries stay. */
    static Map<FieldOrRow, FieldOrRowOrSelect> flatten(Map<? extends FieldOrRow, ? extends FieldOrRowOrSelect> set) {
        Map<FieldOrRow, FieldOrRowOrSelect> flat = new LinkedHashMap<>();
        set.forEach((key, value) -> {
            if (key instanceof Row row && value instanceof Row values && row.size() == values.size()) {
                for (int i = 0; i < row.size(); i++) {
                    flat.put(row.field(i), values.field(i));
                }
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static Field<?> scalar(Select<?> select) {
        return DSL.field((Select<? extends Record1<Object>>) select);
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
