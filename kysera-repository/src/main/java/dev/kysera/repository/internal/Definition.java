package dev.kysera.repository.internal;

import dev.kysera.core.page.Paginator;
import dev.kysera.repository.PrimaryKey;
import dev.kysera.repository.Values;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;

/** Everything a repository is configured with; immutable, shared by all its executor-bound copies. */
record Definition<T, ID, C, U>(
        Table<?> table,
        PrimaryKey<ID> key,
        List<Field<?>> columns,
        RecordMapper<Record, T> mapper,
        Input<C> create,
        Input<U> update,
        Field<? extends Number> version,
        Paginator paginator) {

    <N> Definition<N, ID, C, U> withMapper(RecordMapper<Record, N> newMapper) {
        return new Definition<>(table, key, columns, newMapper, create, update, version, paginator);
    }

    <N> Definition<T, ID, N, U> withCreate(Input<N> newCreate) {
        return new Definition<>(table, key, columns, mapper, newCreate, update, version, paginator);
    }

    <N> Definition<T, ID, C, N> withUpdate(Input<N> newUpdate) {
        return new Definition<>(table, key, columns, mapper, create, newUpdate, version, paginator);
    }

    Definition<T, ID, C, U> withVersion(Field<? extends Number> newVersion) {
        return new Definition<>(table, key, columns, mapper, create, update, newVersion, paginator);
    }

    Definition<T, ID, C, U> withColumns(List<Field<?>> newColumns) {
        return new Definition<>(table, key, newColumns, mapper, create, update, version, paginator);
    }

    Definition<T, ID, C, U> withPaginator(Paginator newPaginator) {
        return new Definition<>(table, key, columns, mapper, create, update, version, newPaginator);
    }

    /** How one kind of input is validated and turned into column values. */
    record Input<I>(Function<? super I, Values> toValues, ValidationSchema<? super I> schema) {

        Values validatedValues(I input) {
            schema.validate(input);
            return toValues.apply(input);
        }
    }
}
