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
        Numbers.zero(Objects.requireNonNull(column, "column").getType()); // refuses non-integer types now, not at the first write
        return new Builder<>(definition.withVersion(column));
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
        Objects.requireNonNull(executor, "executor");
        if (definition.columns().isEmpty()) {
            // DSL.table(name) knows no columns: rows could be neither read back after a write nor mapped
            throw new IllegalStateException("Repository over table " + definition.table().getName()
                    + " has no columns to read: the table has no column metadata (as with DSL.table(name)); list them with"
                    + " select(DSL.field(\"id\", Long.class), …) — the key " + definition.key().fields().stream().map(Field::getName).toList()
                    + " included — or use a generated table");
        }
        return new DefaultRepository<>(definition, executor);
    }

    private static <I> Definition.Input<I> input(Function<? super I, Values> toValues, ValidationSchema<? super I> schema) {
        return new Definition.Input<>(Objects.requireNonNull(toValues, "toValues"), Objects.requireNonNull(schema, "schema"));
    }
}
