package dev.kysera.repository.internal;

import dev.kysera.core.page.Paginator;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.RepositoryBuilder;
import dev.kysera.repository.Values;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.RecordMapper;

/** The immutable builder behind {@link Repository#builder}. */
final class Builder<T, ID, C, U> implements RepositoryBuilder<T, ID, C, U> {

    private final Definition<T, ID, C, U> definition;

    Builder(Definition<T, ID, C, U> definition) {
        this.definition = definition;
    }

    @Override
    public <N> RepositoryBuilder<N, ID, C, U> mapper(RecordMapper<org.jooq.Record, N> mapper) {
        return new Builder<>(definition.withMapper(Objects.requireNonNull(mapper, "mapper")));
    }

    @Override
    public <N> RepositoryBuilder<T, ID, N, U> create(Function<? super N, Values> toValues, ValidationSchema<? super N> schema) {
        return new Builder<>(definition.withCreate(input(toValues, schema)));
    }

    @Override
    public <N> RepositoryBuilder<T, ID, C, N> update(Function<? super N, Values> toValues, ValidationSchema<? super N> schema) {
        return new Builder<>(definition.withUpdate(input(toValues, schema)));
    }

    @Override
    public RepositoryBuilder<T, ID, C, U> validateCreate(ValidationSchema<? super C> schema) {
        return new Builder<>(definition.withCreate(input(definition.create().toValues(), schema)));
    }

    @Override
    public RepositoryBuilder<T, ID, C, U> validateUpdate(ValidationSchema<? super U> schema) {
        return new Builder<>(definition.withUpdate(input(definition.update().toValues(), schema)));
    }

    @Override
    public RepositoryBuilder<T, ID, C, U> version(Field<? extends Number> column) {
        return new Builder<>(definition.withVersion(Objects.requireNonNull(column, "column")));
    }

    @Override
    public RepositoryBuilder<T, ID, C, U> select(Field<?>... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("select() needs at least one column");
        }
        return new Builder<>(definition.withColumns(List.of(columns)));
    }

    @Override
    public RepositoryBuilder<T, ID, C, U> paginator(Paginator paginator) {
        return new Builder<>(definition.withPaginator(Objects.requireNonNull(paginator, "paginator")));
    }

    @Override
    public Repository<T, ID, C, U> build(Executor executor) {
        return new DefaultRepository<>(definition, Objects.requireNonNull(executor, "executor"));
    }

    private static <I> Definition.Input<I> input(Function<? super I, Values> toValues, ValidationSchema<? super I> schema) {
        return new Definition.Input<>(Objects.requireNonNull(toValues, "toValues"), Objects.requireNonNull(schema, "schema"));
    }
}
